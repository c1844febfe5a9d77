//! The query plans of the workstation's queries: each must be served by an index, so the queue
//! stays fast however many requests the database holds. The SQL mirrors `queue.rs`,
//! `requests.rs` and `audit.rs`; a change there that loses its index fails here.

#[cfg(test)]
mod tests {
    use crate::store::Store;
    use crate::store::queue::ROW_COLUMNS;

    const ORDERS: [&str; 3] = [
        "risk IS NULL, risk DESC, received_at DESC, id",
        "received_at DESC, id",
        "sender COLLATE NOCASE, received_at DESC, id",
    ];

    /// A store holding a couple of hundred generated requests with fresh statistics, as after a big
    /// import (`import` runs ANALYZE over 1,000 rows), and an empty one without statistics.
    fn stores() -> (tempfile::TempDir, Vec<Store>) {
        let dir = tempfile::tempdir().unwrap();
        let batch = crate::store::generated_reports(dir.path(), 200, 5);
        let mut full = Store::open(&dir.path().join("full.db")).unwrap();
        full.import_reports(&[("reports.jsonl".into(), batch)]).unwrap();
        full.analyze().unwrap();
        let empty = Store::open(&dir.path().join("empty.db")).unwrap();
        (dir, vec![full, empty])
    }

    /// Fails on a full scan of a table (a scan of a covering index is fine) and, when `sorted`,
    /// on a sort the index should have made unnecessary.
    fn assert_indexed(store: &Store, sql: &str, sorted: bool) {
        let plan = store.explain(sql).unwrap();
        for step in &plan {
            let scan = step.starts_with("SCAN ") && !step.contains("USING INDEX") && !step.contains("COVERING INDEX");
            assert!(!scan, "full table scan for {sql}:\n{plan:#?}");
            assert!(!(sorted && step.contains("TEMP B-TREE")), "sorts instead of walking an index: {sql}:\n{plan:#?}");
        }
    }

    #[test]
    fn the_queue_page_walks_an_index_in_every_order() {
        let (_dir, stores) = stores();
        for store in &stores {
            for order in ORDERS {
                for filter in [" WHERE status = 'pending'", " WHERE status = 'flagged'", ""] {
                    let page =
                        format!("SELECT {ROW_COLUMNS} FROM requests{filter} ORDER BY {order} LIMIT 50 OFFSET 200");
                    assert_indexed(store, &page, true);
                }
            }
        }
    }

    #[test]
    fn counts_lookups_evidence_and_audit_use_indexes() {
        let (_dir, stores) = stores();
        for store in &stores {
            for sql in [
                format!("SELECT status, COUNT(*) FROM {} GROUP BY status", crate::store::queue::STATUS_INDEX),
                format!("SELECT COUNT(*) FROM {} WHERE status = 'pending'", crate::store::queue::STATUS_INDEX),
                format!("SELECT {ROW_COLUMNS} FROM requests WHERE id = 7"),
                "SELECT id FROM requests WHERE external_id = 'R-1'".to_owned(),
                "SELECT report_json, photo_sha256 FROM requests JOIN request_reports ON request_id = id WHERE id = 7"
                    .to_owned(),
                "SELECT id FROM requests WHERE stale = 1 ORDER BY id".to_owned(),
            ] {
                assert_indexed(store, &sql, false);
            }
            for sql in [
                "SELECT seq, at, officer, os_user, request_id, action, note, payload, prev_hash, hash FROM audit_log WHERE request_id = 7 ORDER BY seq",
                "SELECT officer, at FROM audit_log WHERE request_id = 7 ORDER BY seq DESC LIMIT 1",
            ] {
                assert_indexed(store, sql, true);
            }
        }
    }

    #[test]
    fn the_text_filter_scans_the_narrow_index_and_both_ways_give_the_same_page() {
        use crate::store::{QueueQuery, SortOrder};
        let (_dir, stores) = stores();
        for store in &stores {
            for filter in
                [" WHERE status = 'pending' AND instr(search_text, 'ann') > 0", " WHERE instr(search_text, 'ann') > 0"]
            {
                let count = store.explain(&format!("SELECT COUNT(*) FROM requests{filter}")).unwrap();
                assert!(count.iter().all(|s| s.contains("COVERING INDEX requests_search")), "{filter}: {count:#?}");
                let ids = store.explain(&format!("SELECT id FROM requests{filter}")).unwrap();
                assert!(ids.iter().all(|s| s.contains("COVERING INDEX requests_search")), "{filter}: {ids:#?}");
            }
        }
        let full = &stores[0];
        for text in ["a", "ann", "son", "linkedin", "no such text"] {
            for sort in [SortOrder::Risk, SortOrder::Age, SortOrder::Sender] {
                for offset in [0, 7] {
                    let q = QueueQuery { text: Some(text.into()), sort, offset, limit: Some(20), ..Default::default() };
                    let matching = full.count_requests(&q).unwrap();
                    // 1 match claimed: the sparse way; u64::MAX: the walk.
                    let sparse = full.list_requests_counted(&q, Some(1)).unwrap();
                    let walked = full.list_requests_counted(&q, Some(u64::MAX)).unwrap();
                    let ids = |rows: &[crate::domain::RequestRow]| rows.iter().map(|r| r.id).collect::<Vec<_>>();
                    assert_eq!(ids(&sparse), ids(&walked), "{text:?} {sort:?} {offset}");
                    assert_eq!(sparse.len() as u64, matching.saturating_sub(offset as u64).min(20));
                }
            }
        }
    }

    #[test]
    fn a_requests_evidence_is_one_primary_key_seek() {
        let (_dir, stores) = stores();
        for store in &stores {
            for sql in [crate::store::queue::EVIDENCE_SQL, crate::store::queue::EVIDENCE_SUMMARY_SQL] {
                let plan = store.explain(&sql.replace("?1", "7")).unwrap();
                assert!(
                    !plan.is_empty()
                        && plan.iter().all(|s| s.starts_with("SEARCH ") && s.contains("USING PRIMARY KEY")),
                    "{sql}: {plan:#?}"
                );
            }
        }
    }

    /// Every statistics query (issue 17), with and without a period and each of the queue's
    /// filters, reads an index: the covering statistics indexes, the partial ones, primary keys.
    #[test]
    fn every_statistics_query_reads_an_index() {
        let (_dir, stores) = stores();
        for store in &stores {
            for (name, sql) in crate::store::stats::example_queries() {
                let plan = store.explain(&sql).unwrap_or_else(|e| panic!("{name}: {e}\n{sql}"));
                for step in &plan {
                    let scan =
                        step.starts_with("SCAN ") && !step.contains("USING INDEX") && !step.contains("COVERING INDEX");
                    // json_each's table-valued function is scanned by design (the ids asked for).
                    assert!(!scan || step.contains("json_each"), "{name}: full table scan\n{sql}\n{plan:#?}");
                }
                let uses = |index: &str| plan.iter().any(|s| s.contains(index));
                let expected = if name.starts_with("reported") {
                    "requests_stats_reported"
                } else if name.starts_with("decision seconds") || name.starts_with("standing") {
                    "requests_stats_decided"
                } else if name.starts_with("decision entries") || name.starts_with("undone") {
                    "audit_stats_decisions"
                } else if name.contains("lines") || name.starts_with("campaign stamp") {
                    "evidence_stats_links"
                } else if name.starts_with("member times") {
                    "INTEGER PRIMARY KEY"
                } else {
                    "requests_stats_received"
                };
                // Counting every row, SQLite reads its narrowest index whatever INDEXED BY says.
                let whole_count = name.starts_with("received count (no filter, all time");
                assert!(
                    uses(expected) || (whole_count && uses("COVERING INDEX")),
                    "{name}: expected {expected}\n{sql}\n{plan:#?}"
                );
                // Without the text filter (which must read each request's search text) every
                // figure about the period's approaches is read from the index alone.
                if expected == "requests_stats_received" && !name.contains("(text") && !whole_count {
                    assert!(uses("COVERING INDEX requests_stats_received"), "{name}: not covering\n{plan:#?}");
                }
            }
        }
    }

    #[test]
    fn the_photo_index_is_loaded_without_scanning_every_request() {
        let (_dir, stores) = stores();
        for store in &stores {
            let plan = store.explain(crate::store::checks::REQUEST_PHOTO_HASHES_SQL).unwrap();
            assert!(plan.iter().any(|s| s.contains("USING COVERING INDEX requests_photo")), "{plan:#?}");
            assert!(!plan.iter().any(|s| s.starts_with("SCAN q") || s.starts_with("SCAN requests")), "{plan:#?}");
        }
    }
}
