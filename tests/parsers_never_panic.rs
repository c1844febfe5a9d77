//! Property tests: the parsers of untrusted input never panic, whatever the bytes, and the
//! sanitiser never lets a control or bidi character through.

use linkvet::domain::PartialDate;
use linkvet::domain::report::Timestamp;
use linkvet::ingest::{ReadOptions, email, linkedin, links, reports, watchlist};
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
        let _ = linkedin::parse_invitations(Path::new("x.csv"), &text, &ReadOptions::default());
        let _ = linkedin::parse_invitations(Path::new("x.csv"), &body, &ReadOptions::default());
    }

    #[test]
    fn email_parsers_never_panic(head in "(From|To|Subject|Date|Content-Type|Auto-Submitted): \\PC{0,40}\n", body in "\\PC{0,300}", bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let opts = ReadOptions::default();
        let _ = email::read_eml_bytes(Path::new("m.eml"), bytes.clone(), &opts);
        let _ = email::read_mbox_bytes(Path::new("m.mbox"), bytes, &opts);
        let forward = format!("{head}\n\n---------- Forwarded message ---------\n{body}\n\n{body}");
        let _ = email::read_eml_bytes(Path::new("m.eml"), forward.clone().into_bytes(), &opts);
        let _ = email::read_mbox_bytes(Path::new("m.mbox"), format!("From x\n{forward}").into_bytes(), &opts);
    }

    #[test]
    fn link_cleaning_never_panics(text in "\\PC{0,200}") {
        let _ = links::clean_url(&text);
        let _ = links::linkedin_profile(&text);
        let _ = links::urls_in_text(&text);
        let _ = links::hrefs_in_html(&text);
        let _ = links::images_in_html(&text);
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
        if let Some(s) = linkedin::SentAt::parse(&text) {
            let _ = linkedin::decide_date_order(&[(2, s)]);
        }
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
