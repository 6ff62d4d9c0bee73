//! A text file to import, of any bytes: detected, or with an encoding
//! given, it decodes or is refused, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata::import::decode;

fuzz_target!(|data: &[u8]| {
    // Ok and Err are both answers: only a panic (or a hang) is a finding.
    let _ = decode(data, None);
    // The first byte picks a forced encoding, as `--encoding` gives one.
    if let Some((first, rest)) = data.split_first() {
        let label = ["utf-8", "windows-1256", "utf-16le", "utf-16be"][*first as usize % 4];
        let _ = decode(rest, Some(label));
    }
});
