//! A .docx of any bytes (or, first byte odd, any word/document.xml in a
//! valid zip: see zipped.rs): its text, or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod zipped;

fuzz_target!(|data: &[u8]| {
    let input = zipped::office_input(data, "word/document.xml");
    // Ok and Err are both answers: only a panic (or a hang) is a finding.
    let _ = strata::import::docx_text(&input);
});
