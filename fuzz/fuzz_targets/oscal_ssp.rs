#![no_main]
//! What `raci oscal inherit` and `raci convert --profile` read: any JSON as
//! a leveraged system security plan, and as a profile.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let options = raci_oscal::ssp::InheritOptions {
        leveraged_href: "leveraged.json".to_owned(),
        ..Default::default()
    };
    if let Ok(plan) = raci_oscal::ssp::leveraging_ssp(&value, &options) {
        let _ = serde_json::to_string(&plan);
    }
    let _ = raci_oscal::ssp::profile_info(&value);
});
