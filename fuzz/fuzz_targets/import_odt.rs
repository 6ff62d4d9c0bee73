//! An .odt of any bytes (or, first byte odd, any content.xml in a valid
//! zip: see zipped.rs): its text, or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod zipped;

fuzz_target!(|data: &[u8]| {
    let input = zipped::office_input(data, "content.xml");
    // Ok and Err are both answers: only a panic (or a hang) is a finding.
    let _ = strata::import::odt_text(&input);
});
