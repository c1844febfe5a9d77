//! Property tests: the parsers of untrusted input never panic, whatever the bytes, and the
//! sanitiser never lets a control or bidi character through.

use linkvet::domain::PartialDate;
use linkvet::domain::report::Timestamp;
use linkvet::ingest::{linkedin, reports, watchlist};
use proptest::prelude::*;
use std::path::Path;

const VALID: &str = r#"{"schema":"linkvet.report/1","id":"R-1","received_at":"2026-11-02T09:14:00Z","platform":"linkedin","recipient":{"name":"J"},"sender":{"name":"S","joined":"2026-08","connections":4,"experience":[{"org":"A","title":"B","start":"2019-01","end":null}]},"thread":[{"at":"2026-11-03T08:00:00Z","from":"sender","text":"hi"}]}"#;

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn report_parser_never_panics_on_any_text(text in "\\PC{0,400}") {
        let _ = reports::parse_report(&text);
    }

    #[test]
    fn report_parser_never_panics_on_a_damaged_valid_report(cut in 0usize..VALID.len(), insert in "[\\{\\}\\[\\]\",:0-9a-z\\\\]{0,8}") {
        let mut s = VALID.to_owned();
        let at = (0..=cut).rev().find(|i| s.is_char_boundary(*i)).unwrap_or(0);
        s.insert_str(at, &insert);
        let _ = reports::parse_report(&s);
    }

    #[test]
    fn invitations_csv_never_panics(body in "(\\PC{0,40}[,\\n\"]){0,30}") {
        let text = format!("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n{body}");
        let _ = linkedin::parse_invitations(Path::new("x.csv"), &text);
        let _ = linkedin::parse_invitations(Path::new("x.csv"), &body);
        let _ = linkedin::count_outgoing(&text);
    }

    #[test]
    fn watchlist_csv_never_panics(body in "(\\PC{0,30}[,\\n\"]){0,30}") {
        let _ = watchlist::parse_watchlist(Path::new("w.csv"), &format!("kind,value,note\n{body}"));
        let _ = watchlist::parse_watchlist(Path::new("w.csv"), &body);
    }

    #[test]
    fn dates_and_times_never_panic(text in "\\PC{0,40}") {
        let _ = PartialDate::parse(&text);
        let _ = Timestamp::parse(&text);
        let _ = linkedin::parse_sent_at(&text);
    }

    #[test]
    fn partial_dates_round_trip(y in 1900i32..2100, m in 1u32..=12, d in 1u32..=28) {
        let text = format!("{y:04}-{m:02}-{d:02}");
        prop_assert_eq!(PartialDate::parse(&text).unwrap().to_string(), text);
    }

    #[test]
    fn sanitised_text_holds_no_control_bidi_or_invisible_character(text in any::<String>()) {
        let out = linkvet::sanitize::sanitize(&text);
        prop_assert!(!out.chars().any(linkvet::sanitize::is_hostile));
    }

    #[test]
    fn images_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), magic in 0usize..4) {
        let heads: [&[u8]; 4] = [b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"RIFF\0\0\0\0WEBPVP8 "];
        let mut data = heads[magic].to_vec();
        data.extend(bytes);
        let _ = linkvet::ingest::photos::photo_from_bytes(data);
    }
}
