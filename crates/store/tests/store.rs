//! The store's use cases, each run against SQLite and against PostgreSQL.

mod common;

use common::{TestStore, fixture_documents, sample, scalar, sqlite_execute, table};
use jixiao_core::workflow::{Action, Role, Status};
use jixiao_store::{Filter, ImportOutcome, Sort, StoreError};

macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(super::common::sqlite().await).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name(super::common::postgres().await).await
            }
        }
    )*};
}

on_both_engines!(
    every_fixture_round_trips,
    importing_again_updates_or_leaves_unchanged,
    a_file_is_imported_whole_or_not_at_all,
    a_stale_edit_is_a_conflict,
    the_workflow_and_its_refusals,
    lists_filter_search_sort_and_page,
    every_filter_finds_what_the_whole_list_holds,
    export_streams_the_filtered_documents,
    users_and_departments,
    the_change_log_is_append_only,
    a_long_file_with_repeats_keeps_its_order,
    monitoring_is_saved_on_agreed_targets_only,
    tables_that_come_back_twice_in_a_file_are_updated,
    the_search_finds_what_like_finds,
    the_search_finds_tables_right_after_their_import,
    identities_survive_edits_and_imports,
    a_table_is_found_by_each_of_its_texts_held_once,
    one_identity_is_one_table_with_keys_given_on_open,
    findings_come_back_with_their_texts_kept_once,
    a_batch_stores_its_files_but_the_one_that_failed,
    a_search_many_tables_match_is_counted_so_far_and_paged_on,
    a_version_keeps_its_reading_through_monitoring_not_through_an_edit,
    what_is_under_review_or_unpublished_stays_where_it_is,
    a_nul_in_a_filter_or_reason_is_answered_alike,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_store_from_before_the_index_by_line_is_searched_once_opened() {
    let t = common::sqlite().await;
    let base = sample().remove(1);
    let tables: Vec<_> = (0..300)
        .map(|n| {
            let mut d = base.clone();
            d.project.as_mut().unwrap().name = format!("升级前项目{n:03}");
            table(d, "old.txt")
        })
        .collect();
    let ids: Vec<i64> = t.store.import("cli", &tables, false).await.unwrap().iter().map(|o| o.id()).collect();
    let found = |store: jixiao_store::Store, q: &'static str| async move {
        store.list(&Filter { search: Some(q.into()), ..all() }).await.unwrap().total
    };
    assert_eq!(found(t.store.clone(), "升级前项目").await, 300);
    t.store.close().await;

    // The store as the build before left it: the index of whole texts with its two triggers, and
    // the migration that replaces it not yet run.
    sqlite_execute(
        &t,
        "DELETE FROM _sqlx_migrations WHERE version = 20261202000000; \
         DROP TABLE search_index_unfilled; DROP TRIGGER target_tables_search_delete; \
         DROP TABLE target_tables_search; \
         CREATE VIRTUAL TABLE target_tables_search USING fts5 (search_text, \
             tokenize = 'trigram case_sensitive 1', content = '', detail = none, contentless_delete = 1); \
         INSERT INTO target_tables_search (rowid, search_text) SELECT id, lower(search_text) FROM target_tables; \
         CREATE TRIGGER target_tables_search_update AFTER UPDATE OF search_text ON target_tables BEGIN \
             DELETE FROM target_tables_search WHERE rowid = old.id; \
             INSERT INTO target_tables_search (rowid, search_text) VALUES (new.id, lower(new.search_text)); END; \
         CREATE TRIGGER target_tables_search_delete AFTER DELETE ON target_tables BEGIN \
             DELETE FROM target_tables_search WHERE rowid = old.id; END;",
    )
    .await;
    let store = jixiao_store::Store::open(&t.location).await.unwrap();
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM search_index_unfilled").await, 0, "filled once opened");
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM target_tables_search WHERE target_tables_search MATCH '\"升级前\"'").await,
        300
    );
    assert_eq!(found(store.clone(), "升级前项目").await, 300);
    assert_eq!(found(store.clone(), "升级前项目123").await, 1);
    // The update's trigger is gone: an edit replaces the table's words itself.
    let stored = store.get(ids[7]).await.unwrap();
    let mut d = stored.document.clone();
    d.project.as_mut().unwrap().name = "升级后项目".into();
    store.save_edit(ids[7], stored.version, &d, &table(d.clone(), "").report, "cli", None).await.unwrap();
    assert_eq!(found(store.clone(), "升级前项目007").await, 0);
    assert_eq!(found(store.clone(), "升级后项目").await, 1);
    assert_eq!(found(store.clone(), "升级前项目").await, 299);
    // Opened again, nothing is filled twice.
    store.close().await;
    let store = jixiao_store::Store::open(&t.location).await.unwrap();
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM target_tables_search WHERE target_tables_search MATCH '\"升级前\"'").await,
        299
    );
    assert_eq!(found(store, "升级前项目").await, 299);
}

/// A store from before migration 20261203000000, whose search index has no line ends: opened, it
/// fills the index again, so that a search of two characters that end a line finds its tables.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_store_from_before_the_line_ends_is_indexed_again_once_opened() {
    let t = common::sqlite().await;
    let mut d = sample().remove(1);
    d.project.as_mut().unwrap().name = "乡村道路养护".into();
    let id = t.store.import("cli", &[table(d, "old.txt")], false).await.unwrap()[0].id();
    let found = |store: jixiao_store::Store| async move {
        let page = store.list(&Filter { search: Some("养护".into()), ..all() }).await.unwrap();
        page.items.iter().map(|s| s.id).collect::<Vec<_>>()
    };
    assert_eq!(found(t.store.clone()).await, vec![id]);
    t.store.close().await;
    // The index as the build before would have left it for this table: no pair ends the name's
    // line (emptied here, which the build before's words lack as much).
    sqlite_execute(
        &t,
        "DELETE FROM _sqlx_migrations WHERE version = 20261203000000; \
         INSERT INTO target_tables_search (target_tables_search) VALUES ('delete-all');",
    )
    .await;
    let store = jixiao_store::Store::open(&t.location).await.unwrap();
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM search_index_unfilled").await, 0, "filled once opened");
    assert_eq!(found(store.clone()).await, vec![id]);
    store.close().await;
}

/// A search that more tables match than are counted says so (`total_exact` false) and still
/// pages through them in order, each page's tables holding the text.
async fn a_search_many_tables_match_is_counted_so_far_and_paged_on(t: TestStore) {
    let base = sample().remove(1);
    let n = jixiao_store::SEARCH_COUNTED as usize + 30;
    let tables: Vec<_> = (0..n)
        .map(|i| {
            let mut d = base.clone();
            // Every table holds 农田; one in three 水利 as well.
            let works = if i % 3 == 0 { "水利工程" } else { "道路工程" };
            d.project.as_mut().unwrap().name = format!("高标准农田项目{i:04}{works}");
            table(d, "many.txt")
        })
        .collect();
    for chunk in tables.chunks(400) {
        t.store.import("cli", chunk, false).await.unwrap();
    }
    let search = |q: &str, page: i64| Filter {
        search: Some(q.into()),
        sort: Sort::Project,
        descending: false,
        page,
        per_page: 100,
        ..Filter::default()
    };
    for q in ["农田", "高标准农田"] {
        let first = t.store.list(&search(q, 1)).await.unwrap();
        assert!(!first.total_exact, "{q}: {} of {n} counted", first.total);
        assert_eq!(first.total, jixiao_store::SEARCH_COUNTED, "{q}");
        assert_eq!(first.items.len(), 100);
        // The last page, past the count: the tables after the thousandth, still in order.
        let last = t.store.list(&search(q, 11)).await.unwrap();
        let names: Vec<&str> = last.items.iter().map(|s| s.project_name.as_str()).collect();
        assert_eq!(names.len(), n - 1000, "{q}: {names:?}");
        assert!(names.windows(2).all(|w| w[0] < w[1]), "{q}: {names:?}");
        assert!(names.iter().all(|n| n.contains(q)), "{q}: {names:?}");
        assert_eq!(names[0], "高标准农田项目1000道路工程");
    }
    // A third of them: 344 tables, counted exactly.
    let water = t.store.list(&search("水利工程", 1)).await.unwrap();
    assert!(water.total_exact);
    assert_eq!(water.total, n.div_ceil(3) as i64);
    assert!(water.items.iter().all(|s| s.project_name.contains("水利工程")));
}

/// What the reader could vouch for is kept with the version it read, through a bulk import and
/// an update alike; a save of monitoring data keeps it (nothing the reading saw changed), an edit
/// drops it (the user saw every field).
async fn a_version_keeps_its_reading_through_monitoring_not_through_an_edit(t: TestStore) {
    use jixiao_core::source::{Position, Reading};
    let reading = Reading {
        labels: vec![jixiao_core::HeaderField::Name],
        indicators_unread: Some(Position::text(12, 1)),
        ..Reading::default()
    };
    let d = sample().remove(1);
    let read = jixiao_store::ImportTable { reading: Some(reading.clone()), ..table(d.clone(), "read.txt") };
    let plain = table(sample().remove(0), "plain.json");
    let ids: Vec<i64> = t.store.import("cli", &[read, plain], false).await.unwrap().iter().map(|o| o.id()).collect();
    assert_eq!(t.store.get(ids[0]).await.unwrap().reading, Some(reading.clone()));
    assert_eq!(t.store.get(ids[1]).await.unwrap().reading, None);
    // Imported again with new content: the update's version has its own reading.
    let mut changed = d.clone();
    changed.indicators[0].target = "≥9个团组".into();
    let again = jixiao_store::ImportTable { reading: Some(Reading::default()), ..table(changed.clone(), "read.txt") };
    assert!(matches!(t.store.import("cli", &[again], false).await.unwrap()[0], ImportOutcome::Updated { .. }));
    assert_eq!(t.store.get(ids[0]).await.unwrap().reading, Some(Reading::default()));
    assert_eq!(t.store.get_version(ids[0], 1).await.unwrap().reading, Some(reading));
    for a in [Action::Submit, Action::Approve] {
        t.store.act(ids[0], a, "test", None).await.unwrap();
    }
    let mut entered = changed.clone();
    entered.monitoring = Some(jixiao_core::model::Monitoring { month: Some(7), ..Default::default() });
    let report = table(entered.clone(), "").report;
    assert_eq!(t.store.save_monitoring(ids[0], 2, &entered, &report, "waishi").await.unwrap(), 3);
    assert_eq!(t.store.get(ids[0]).await.unwrap().reading, Some(Reading::default()), "monitoring keeps it");
    t.store.act(ids[0], Action::Publish, "caizheng", None).await.unwrap();
    assert_eq!(t.store.save_edit(ids[0], 3, &changed, &report, "waishi", None).await.unwrap(), 4);
    assert_eq!(t.store.get(ids[0]).await.unwrap().reading, None, "an edit is the user's table");
}

fn all() -> Filter {
    Filter { per_page: 500, ..Filter::default() }
}

async fn every_fixture_round_trips(t: TestStore) {
    let docs = fixture_documents();
    assert!(docs.len() >= 25, "the fixtures hold at least 25 tables, found {}", docs.len());
    let mut stored = Vec::new();
    for (file, d) in &docs {
        let out = t.store.import("test", &[table(d.clone(), file)], false).await.unwrap();
        // Two fixtures may be the same table (same year, department and project): the second
        // is its next version, and both versions are kept.
        let version = match out[0] {
            ImportOutcome::Created { .. } => 1,
            ImportOutcome::Updated { version, .. } => version,
            ImportOutcome::Unchanged { .. } => continue,
        };
        stored.push((out[0].id(), version, file, d));
    }
    for (id, version, file, d) in stored {
        let back = t.store.get_version(id, version).await.unwrap();
        assert_eq!(
            serde_json::to_string(&back.document).unwrap(),
            serde_json::to_string(d).unwrap(),
            "{file}: the stored table reads back as it went in"
        );
        assert_eq!(back.source_name, *file);
    }
}

async fn importing_again_updates_or_leaves_unchanged(t: TestStore) {
    let docs = sample();
    let tables: Vec<_> = docs.iter().cloned().map(|d| table(d, "sample.txt")).collect();
    let first = t.store.import("cli", &tables, false).await.unwrap();
    assert!(first.iter().all(|o| matches!(o, ImportOutcome::Created { .. })), "{first:?}");
    let again = t.store.import("cli", &tables, false).await.unwrap();
    assert!(again.iter().all(|o| matches!(o, ImportOutcome::Unchanged { .. })), "{again:?}");
    assert_eq!(first.iter().map(|o| o.id()).collect::<Vec<_>>(), again.iter().map(|o| o.id()).collect::<Vec<_>>());

    let mut changed = docs[1].clone();
    changed.indicators[0].target = "≥99个".into();
    let out = t.store.import("cli", &[table(changed.clone(), "v2.txt")], false).await.unwrap();
    let id = first[1].id();
    assert_eq!(out, vec![ImportOutcome::Updated { id, version: 2 }]);
    assert_eq!(t.store.list(&all()).await.unwrap().total, docs.len() as i64, "nothing duplicated");
    let stored = t.store.get(id).await.unwrap();
    assert_eq!(stored.version, 2);
    assert_eq!(stored.document, changed);
    assert_eq!(t.store.get_version(id, 1).await.unwrap().document, docs[1]);
    let history = t.store.history(id).await.unwrap();
    assert_eq!(history.iter().map(|h| h.action.as_str()).collect::<Vec<_>>(), ["import", "update"]);
    let change = &history[1].changes;
    assert_eq!(change.len(), 1, "{change:?}");
    assert_eq!(change[0].path, "indicators/0/target");
    assert_eq!(change[0].after, Some(serde_json::Value::String("≥99个".into())));
}

async fn a_file_is_imported_whole_or_not_at_all(t: TestStore) {
    let docs = sample();
    // A dry run says what would happen and writes nothing.
    let tables: Vec<_> = docs.iter().cloned().map(|d| table(d, "a.txt")).collect();
    let planned = t.store.import("cli", &tables, true).await.unwrap();
    assert_eq!(planned.iter().filter(|o| o.code() == "created").count(), docs.len());
    assert_eq!(t.store.list(&all()).await.unwrap().total, 0);
    // A file whose last table the database refuses leaves nothing of the file behind.
    let mut bad = docs[1].clone();
    if t.store.is_postgres() {
        bad.department = "\u{0}".into(); // PostgreSQL refuses NUL in text
    } else {
        sqlite_execute(
            &t,
            "CREATE TRIGGER boom BEFORE INSERT ON target_tables WHEN NEW.project_name = 'BOOM' \
             BEGIN SELECT RAISE(ABORT, 'boom'); END",
        )
        .await;
        bad.project.as_mut().unwrap().name = "BOOM".into();
    }
    let mut with_bad = tables.clone();
    with_bad.push(table(bad, "a.txt"));
    assert!(t.store.import("cli", &with_bad, false).await.is_err());
    assert_eq!(t.store.list(&all()).await.unwrap().total, 0, "nothing of the failed file is kept");
    assert!(t.store.recent_changes(10).await.unwrap().is_empty());
    assert!(t.store.departments().await.unwrap().is_empty());
    t.store.import("cli", &tables, false).await.unwrap();
    assert!(t.store.check().await.unwrap().is_empty());
}

async fn a_stale_edit_is_a_conflict(t: TestStore) {
    let d = sample().remove(2);
    let id = t.store.import("cli", &[table(d.clone(), "a.txt")], false).await.unwrap()[0].id();
    let mut mine = d.clone();
    mine.goals.push("我的修改".into());
    let mut theirs = d.clone();
    theirs.goals.push("他人的修改".into());
    let r = table(mine.clone(), "").report;
    assert_eq!(t.store.save_edit(id, 1, &mine, &r, "waishi", None).await.unwrap(), 2);
    let err = t.store.save_edit(id, 1, &theirs, &table(theirs.clone(), "").report, "other", None).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert!(err.to_string().contains("第 2 版"), "{err}");
    let now = t.store.get(id).await.unwrap();
    assert_eq!(now.version, 2);
    assert_eq!(now.document, mine, "the second save wrote nothing");
    assert!(matches!(t.store.get(999_999).await, Err(StoreError::NotFound(_))));
}

/// Imports the sample's tables in one file; their outcomes, in order.
async fn import_sample(t: &TestStore) -> Vec<ImportOutcome> {
    let docs = sample();
    t.store.import("cli", &docs.into_iter().map(|d| table(d, "s.txt")).collect::<Vec<_>>(), false).await.unwrap()
}

async fn the_workflow_and_its_refusals(t: TestStore) {
    let outcomes = import_sample(&t).await;
    // A table the review found errors in cannot be submitted.
    let mut clean = None;
    for o in &outcomes {
        let s = t.store.get(o.id()).await.unwrap().summary;
        if s.errors > 0 {
            let err = t.store.act(s.id, Action::Submit, "waishi", None).await.unwrap_err();
            assert!(matches!(err, StoreError::Invalid(_)), "{err}");
        } else {
            clean = Some(s.id);
        }
    }
    let id = clean.expect("the sample has a table without errors");
    assert!(matches!(t.store.act(id, Action::Approve, "caizheng", None).await, Err(StoreError::Invalid(_))));
    assert_eq!(t.store.act(id, Action::Submit, "waishi", None).await.unwrap().status, Status::Submitted);
    let d = t.store.get(id).await.unwrap();
    let locked = t.store.save_edit(id, 1, &d.document, &d.report, "waishi", None).await.unwrap_err();
    assert!(matches!(locked, StoreError::Invalid(_)), "a submitted table cannot be edited: {locked}");
    assert!(matches!(t.store.act(id, Action::Return, "caizheng", Some(" ")).await, Err(StoreError::Invalid(_))));
    let s = t.store.act(id, Action::Return, "caizheng", Some("指标不够细化")).await.unwrap();
    assert_eq!(s.status, Status::Returned);
    t.store.act(id, Action::Submit, "waishi", None).await.unwrap();
    t.store.act(id, Action::Approve, "caizheng", None).await.unwrap();
    let s = t.store.act(id, Action::Publish, "caizheng", None).await.unwrap();
    assert_eq!((s.status, s.published_version), (Status::Published, Some(1)));
    // Revising a published table starts a new version; the published one stays public.
    let mut revised = d.document.clone();
    revised.goals.push("补充目标".into());
    let v = t.store.save_edit(id, 1, &revised, &d.report, "waishi", None).await.unwrap();
    let s = t.store.get(id).await.unwrap().summary;
    assert_eq!((v, s.status, s.published_version), (2, Status::Draft, Some(1)));
    let public = Filter { published: true, ..all() };
    let published: Vec<_> = {
        use futures_util::TryStreamExt;
        t.store.documents(&public).try_collect().await.unwrap()
    };
    assert_eq!(published, vec![d.document.clone()], "the public still sees version 1");
    let history = t.store.history(id).await.unwrap();
    let actions: Vec<_> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["import", "submit", "return", "submit", "approve", "publish", "edit"]);
    assert_eq!(history[2].reason.as_deref(), Some("指标不够细化"));
    assert_eq!(history[2].actor, "caizheng");
}

async fn lists_filter_search_sort_and_page(t: TestStore) {
    let docs = fixture_documents();
    for (f, d) in &docs {
        t.store.import("cli", &[table(d.clone(), f)], false).await.unwrap();
    }
    let everything = t.store.list(&all()).await.unwrap();
    let n = everything.total;
    let distinct: std::collections::HashSet<_> =
        docs.iter().map(|(_, d)| jixiao_core::identity::TableKey::of(d).to_string()).collect();
    assert_eq!(n, distinct.len() as i64, "one row per table, however often imported");
    assert_eq!(everything.items.len() as i64, n);
    let y2020 = t.store.list(&Filter { year: Some(2020), ..all() }).await.unwrap();
    assert!(y2020.total > 0 && y2020.total < n);
    assert!(y2020.items.iter().all(|s| s.year == Some(2020)));
    let found = t.store.list(&Filter { search: Some("出访".into()), ..all() }).await.unwrap();
    assert!(found.total > 0);
    // The search is a text search, never a pattern: `%` matches only itself.
    let percent = t.store.list(&Filter { search: Some("%".into()), ..all() }).await.unwrap();
    assert!(percent.total > 0 && percent.total < n, "`%` matches the tables with a percentage, not all");
    for s in &percent.items {
        let d = t.store.get(s.id).await.unwrap().document;
        assert!(d.indicators.iter().any(|i| i.name.contains('%') || i.target.contains('%')), "{}", s.project_name);
    }
    let hostile = Filter { search: Some("'; DROP TABLE target_tables; --".into()), ..all() };
    assert_eq!(t.store.list(&hostile).await.unwrap().total, 0);
    assert_eq!(t.store.list(&all()).await.unwrap().total, n, "still there");
    let page2 = t.store.list(&Filter { per_page: 3, page: 2, sort: Sort::Project, ..all() }).await.unwrap();
    let sorted = t.store.list(&Filter { sort: Sort::Project, ..all() }).await.unwrap();
    assert_eq!(page2.items, sorted.items[3..6].to_vec());
    // Every page of every order, with and without filters, is its slice of the whole list (a
    // page's ids are chosen before its rows are read).
    let first = &everything.items[0];
    let filters = [
        all(),
        Filter { year: first.year, ..all() },
        Filter { department: Some(first.department.clone()), ..all() },
        Filter { department_id: Some(first.department_id), search: Some("指标".into()), ..all() },
    ];
    for filter in filters {
        for sort in [Sort::Updated, Sort::Year, Sort::Department, Sort::Project, Sort::Grade, Sort::Errors] {
            for descending in [false, true] {
                let whole = Filter { sort, descending, ..filter.clone() };
                let whole = t.store.list(&whole).await.unwrap();
                for page in 1..=whole.items.len().div_ceil(4) + 1 {
                    let paged = Filter { sort, descending, page: page as i64, per_page: 4, ..filter.clone() };
                    let got = t.store.list(&paged).await.unwrap();
                    let want: Vec<_> = whole.items.iter().skip((page - 1) * 4).take(4).cloned().collect();
                    assert_eq!(got.items, want, "{sort:?} descending {descending}, page {page} of {filter:?}");
                    assert_eq!(got.total, whole.total);
                }
            }
        }
    }
    let by_errors = t.store.list(&Filter { sort: Sort::Errors, descending: true, ..all() }).await.unwrap();
    assert!(by_errors.items.windows(2).all(|w| w[0].errors >= w[1].errors));
    let counts = t.store.counts(&all()).await.unwrap();
    assert_eq!(counts.iter().map(|c| c.2).sum::<i64>(), n);
}

/// The filters whose counts an index of year, department, status and grade answered before
/// migration 20261129140000 (now the list indexes that follow the last change): each finds
/// exactly the tables of the whole list that match it, and counts them.
async fn every_filter_finds_what_the_whole_list_holds(t: TestStore) {
    for (f, d) in fixture_documents() {
        t.store.import("cli", &[table(d, &f)], false).await.unwrap();
    }
    let everything = t.store.list(&all()).await.unwrap().items;
    let grades: std::collections::BTreeSet<&str> = everything.iter().map(|s| s.grade.as_str()).collect();
    assert!(grades.len() >= 2, "the fixtures have tables of several grades: {grades:?}");
    let first = &everything[0];
    let mut filters = vec![
        Filter { department: Some(first.department.clone()), year: first.year, ..all() },
        Filter { department_id: Some(first.department_id), year: first.year, status: Some(Status::Draft), ..all() },
        Filter { department_id: Some(first.department_id), grade: Some(first.grade.clone()), ..all() },
    ];
    for grade in &grades {
        let grade = Some((*grade).to_owned());
        filters.push(Filter { grade: grade.clone(), ..all() });
        filters.push(Filter { grade: grade.clone(), status: Some(Status::Draft), ..all() });
        filters.push(Filter { grade: grade.clone(), year: first.year, ..all() });
        filters.push(Filter { grade, year: first.year, status: Some(Status::Draft), ..all() });
    }
    // By construction these match: the first table's, and a grade alone or with the import's status.
    let must_match = 3 + 2 * grades.len();
    let mut matched = 0;
    for filter in filters {
        let mut want: Vec<i64> = everything
            .iter()
            .filter(|s| filter.year.is_none_or(|y| s.year == Some(y)))
            .filter(|s| filter.department.as_ref().is_none_or(|d| &s.department == d))
            .filter(|s| filter.department_id.is_none_or(|d| s.department_id == d))
            .filter(|s| filter.status.is_none_or(|st| s.status == st))
            .filter(|s| filter.grade.as_ref().is_none_or(|g| &s.grade == g))
            .map(|s| s.id)
            .collect();
        want.sort();
        let found = t.store.list(&filter).await.unwrap();
        let mut got: Vec<i64> = found.items.iter().map(|s| s.id).collect();
        got.sort();
        matched += usize::from(!want.is_empty());
        assert_eq!(got, want, "{filter:?}");
        assert_eq!(found.total, want.len() as i64, "count of {filter:?}");
        let counted: i64 = t.store.counts(&filter).await.unwrap().iter().map(|c| c.2).sum();
        assert_eq!(counted, want.len() as i64, "dashboard counts of {filter:?}");
    }
    assert!(matched >= must_match, "{matched} filters matched a table, {must_match} at least");
}

/// A new SQLite store has the largest pages SQLite has (fewer for an import to write).
#[tokio::test]
async fn a_new_sqlite_store_has_pages_of_64_kb() {
    let t = common::sqlite().await;
    let jixiao_store::Location::Sqlite { path } = &t.location else { unreachable!() };
    let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display())).await.unwrap();
    let size: i64 = sqlx::query_scalar("PRAGMA page_size").fetch_one(&pool).await.unwrap();
    assert_eq!(size, 65536);
    pool.close().await;
}

async fn export_streams_the_filtered_documents(t: TestStore) {
    use futures_util::TryStreamExt;
    let docs = sample();
    t.store.import("cli", &docs.iter().cloned().map(|d| table(d, "s.txt")).collect::<Vec<_>>(), false).await.unwrap();
    let out: Vec<_> = t.store.documents(&all()).try_collect().await.unwrap();
    assert_eq!(out, docs, "in import order, exactly");
    let kind = Filter { kind: Some("department".into()), ..all() };
    let out: Vec<_> = t.store.documents(&kind).try_collect().await.unwrap();
    assert_eq!(out.len(), docs.iter().filter(|d| d.kind == jixiao_core::DocumentKind::Department).count());
}

async fn users_and_departments(t: TestStore) {
    let dept = t.store.department("宁夏回族自治区人民政府外事办公室").await.unwrap();
    let again = t.store.department("宁夏回族自治区人民政府外事办公室").await.unwrap();
    assert_eq!(dept, again);
    let u = t.store.add_user("waishi", "$argon2id$x", Role::Officer, Some(dept.id), "admin").await.unwrap();
    assert_eq!(u.department.as_deref(), Some("宁夏回族自治区人民政府外事办公室"));
    let dup = t.store.add_user("waishi", "$argon2id$y", Role::Reviewer, None, "admin").await.unwrap_err();
    assert!(matches!(dup, StoreError::Conflict(_)), "{dup}");
    assert_eq!(t.store.user_by_name("waishi").await.unwrap(), u);
    assert!(matches!(t.store.user_by_name("nobody").await, Err(StoreError::NotFound(_))));
    let session = jixiao_store::Session {
        id: "h".repeat(64),
        user_id: u.id,
        csrf: "c".into(),
        expires_at: jixiao_store::time::after(60),
    };
    t.store.add_session(&session).await.unwrap();
    assert_eq!(t.store.session(&session.id).await.unwrap(), Some(session.clone()));
    assert_eq!(t.store.session_user(&session.id).await.unwrap(), Some((session.clone(), u.clone())));
    assert_eq!(t.store.session_user(&"x".repeat(64)).await.unwrap(), None);
    let expired =
        jixiao_store::Session { id: "e".repeat(64), expires_at: "2000-01-01T00:00:00.000Z".into(), ..session.clone() };
    t.store.add_session(&expired).await.unwrap();
    assert_eq!(t.store.session_user(&expired.id).await.unwrap(), None, "an expired session is no session");
    let mut disabled = u.clone();
    disabled.disabled = true;
    t.store.update_user(&disabled, "admin").await.unwrap();
    assert_eq!(t.store.session(&session.id).await.unwrap(), None, "disabling a user ends their sessions");
    assert_eq!(t.store.session_user(&session.id).await.unwrap(), None);
}

async fn the_change_log_is_append_only(t: TestStore) {
    t.store.import("cli", &[table(sample().remove(0), "s.txt")], false).await.unwrap();
    let err = match &t.location {
        jixiao_store::Location::Sqlite { path } => {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display())).await.unwrap();
            sqlx::query("UPDATE change_log SET actor = 'x'").execute(&pool).await.unwrap_err().to_string()
        }
        jixiao_store::Location::Postgres { url, schema } => {
            use sqlx::Executor;
            let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(url).await.unwrap();
            let sql = format!("DELETE FROM {}.change_log", schema.as_deref().unwrap());
            conn.execute(sqlx::AssertSqlSafe(sql)).await.unwrap_err().to_string()
        }
        other => panic!("{other}"),
    };
    assert!(err.contains("append-only"), "{err}");
    assert_eq!(t.store.recent_changes(5).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_store_from_a_newer_jixiao_is_refused() {
    let t = common::sqlite().await;
    let jixiao_store::Location::Sqlite { path } = &t.location else { unreachable!() };
    let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display())).await.unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99990101000000, 'future', 1, x'00', 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
    t.store.close().await;
    let err = jixiao_store::Store::open(&t.location).await.err().expect("refused");
    assert!(matches!(err, StoreError::TooNew { found: 99990101000000, .. }), "{err}");
    assert!(err.to_string().contains("请升级 jixiao"), "{err}");
}

/// A file longer than the import's batches, in which a table comes back changed and another
/// comes back the same: each outcome is the one the file's order gives, ids follow the order
/// of first appearance, and the change log holds one entry per write.
async fn a_long_file_with_repeats_keeps_its_order(t: TestStore) {
    let base = sample().remove(1);
    let numbered = |n: usize| {
        let mut d = base.clone();
        d.project.as_mut().unwrap().name = format!("项目{n}");
        d
    };
    let mut tables: Vec<_> = (0..250).map(|n| table(numbered(n), "long.txt")).collect();
    let mut changed = numbered(10);
    changed.indicators[0].target = "≥99个".into();
    tables.insert(150, table(changed, "long.txt"));
    tables.insert(201, table(numbered(20), "long.txt"));
    let out = t.store.import("cli", &tables, false).await.unwrap();
    assert_eq!(out.len(), 252);
    let created: Vec<i64> = out.iter().filter(|o| matches!(o, ImportOutcome::Created { .. })).map(|o| o.id()).collect();
    assert_eq!(created.len(), 250);
    assert!(created.windows(2).all(|w| w[0] < w[1]), "ids in the file's order");
    assert_eq!(out[150], ImportOutcome::Updated { id: out[10].id(), version: 2 });
    assert_eq!(out[201], ImportOutcome::Unchanged { id: out[20].id() });
    assert_eq!(t.store.get(out[151].id()).await.unwrap().document.label(), "项目150");
    assert_eq!(t.store.list(&all()).await.unwrap().total, 250);
    assert_eq!(t.store.recent_changes(1000).await.unwrap().len(), 251, "250 imports and one update");
    assert!(t.store.check().await.unwrap().is_empty());
}

async fn monitoring_is_saved_on_agreed_targets_only(t: TestStore) {
    let d = sample().remove(1); // 外事出访经费: no error findings
    let id = t.store.import("cli", &[table(d.clone(), "a.txt")], false).await.unwrap()[0].id();
    let mut entered = d.clone();
    entered.monitoring =
        Some(jixiao_core::model::Monitoring { month: Some(7), spent_to_date: Some(300.into()), ..Default::default() });
    entered.indicators[0].monitoring = Some(jixiao_core::model::IndicatorMonitoring {
        forecast: Some("6个团组，40人次".into()),
        ..Default::default()
    });
    entered.indicators[0].deviation_cause = Some("疫情".into());
    let report = table(entered.clone(), "").report;
    // A draft's targets are not agreed yet.
    let err = t.store.save_monitoring(id, 1, &entered, &report, "waishi").await.unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)) && err.to_string().contains("审核通过或已公开"), "{err}");
    for a in [Action::Submit, Action::Approve] {
        t.store.act(id, a, "test", None).await.unwrap();
    }
    assert_eq!(t.store.save_monitoring(id, 1, &entered, &report, "waishi").await.unwrap(), 2);
    let now = t.store.get(id).await.unwrap();
    assert_eq!((now.version, now.summary.status), (2, Status::Approved), "a new version, the status kept");
    assert_eq!(now.document, entered);
    // A stale version is a conflict; a changed target is refused.
    let err = t.store.save_monitoring(id, 1, &entered, &report, "other").await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    let mut retargeted = entered.clone();
    retargeted.indicators[0].target = "≥1个团组".into();
    let err = t.store.save_monitoring(id, 2, &retargeted, &report, "waishi").await.unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)) && err.to_string().contains("不能修改绩效目标"), "{err}");
    assert_eq!(t.store.get(id).await.unwrap().version, 2, "nothing written");
    t.store.act(id, Action::Publish, "caizheng", None).await.unwrap();
    assert_eq!(t.store.save_monitoring(id, 2, &d, &report, "waishi").await.unwrap(), 3, "and cleared again");
    let s = t.store.get(id).await.unwrap().summary;
    assert_eq!((s.status, s.published_version), (Status::Published, Some(2)));
    let history = t.store.history(id).await.unwrap();
    let actions: Vec<_> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["import", "submit", "approve", "monitor", "publish", "monitor"]);
    assert!(history[3].changes.iter().any(|c| c.path.starts_with("indicators/0/")), "{:?}", history[3].changes);
    let listed: Vec<_> = {
        use futures_util::TryStreamExt;
        t.store.documents_with_ids(&all()).try_collect().await.unwrap()
    };
    assert_eq!((listed[0].id, listed[0].status), (id, Status::Published));
}

/// A, B, A, B in one file: after the first A comes back, B comes back too; it was written in
/// this very import, so it is updated, not inserted again (which broke the whole file).
async fn tables_that_come_back_twice_in_a_file_are_updated(t: TestStore) {
    let base = sample().remove(1);
    let named = |name: &str, target: &str| {
        let mut d = base.clone();
        d.project.as_mut().unwrap().name = name.to_owned();
        d.indicators[0].target = target.to_owned();
        table(d, "twice.txt")
    };
    let tables = [named("甲", "≥1个"), named("乙", "≥1个"), named("甲", "≥2个"), named("乙", "≥2个")];
    let out = t.store.import("cli", &tables, false).await.unwrap();
    let (a, b) = (out[0].id(), out[1].id());
    assert_eq!(out[..2], [ImportOutcome::Created { id: a }, ImportOutcome::Created { id: b }]);
    assert_eq!(out[2..], [ImportOutcome::Updated { id: a, version: 2 }, ImportOutcome::Updated { id: b, version: 2 }]);
    assert_eq!(t.store.get(b).await.unwrap().document.indicators[0].target, "≥2个");
    assert_eq!(t.store.list(&all()).await.unwrap().total, 2);
}

/// On SQLite the import fills the search index once per transaction rather than row by row:
/// every table it creates or updates is found as soon as it returns, in a file longer than the
/// import's chunks and with tables coming back in it; a dry run leaves nothing found.
async fn the_search_finds_tables_right_after_their_import(t: TestStore) {
    let base = sample().remove(1);
    let named = |n: usize, target: &str| {
        let mut d = base.clone();
        d.project.as_mut().unwrap().name = format!("编号{n:03}项目");
        d.indicators[0].target = format!("{target}{n:03}");
        table(d, "many.txt")
    };
    let mut tables: Vec<_> = (0..250).map(|n| named(n, "原目标")).collect();
    tables.extend([named(5, "新目标"), named(120, "新目标")]);
    let out = t.store.import("cli", &tables, false).await.unwrap();
    assert_eq!(out[250], ImportOutcome::Updated { id: out[5].id(), version: 2 });
    let found = |q: String| {
        let store = t.store.clone();
        async move {
            let filter = Filter { search: Some(q), ..all() };
            store.list(&filter).await.unwrap().items.into_iter().map(|s| s.id).collect::<Vec<_>>()
        }
    };
    for n in [0, 5, 99, 100, 120, 199, 200, 249] {
        assert_eq!(found(format!("编号{n:03}项目")).await, [out[n].id()], "table {n}");
    }
    assert_eq!(found("新目标120".into()).await, [out[120].id()]);
    assert_eq!(found("原目标120".into()).await, Vec::<i64>::new());
    assert_eq!(found("原目标121".into()).await, [out[121].id()]);

    let late = [named(300, "原目标")];
    t.store.import("cli", &late, true).await.unwrap();
    assert_eq!(found("编号300项目".into()).await, Vec::<i64>::new());
    let out = t.store.import("cli", &late, false).await.unwrap();
    assert_eq!(found("编号300项目".into()).await, [out[0].id()]);
}

/// A table's search text holds each of its texts once (a table repeats targets such as "100%"),
/// and the search still finds the table by every name and target of its indicators and by texts
/// within them.
async fn a_table_is_found_by_each_of_its_texts_held_once(t: TestStore) {
    let mut d = sample().remove(1);
    assert!(d.indicators.len() >= 3, "the sample has at least three indicators");
    d.project.as_mut().unwrap().name = "重复指标值项目".into();
    for i in &mut d.indicators {
        i.target = "≥98.5%".into();
    }
    d.indicators[2].name = d.indicators[0].name.clone();
    let id = t.store.import("cli", &[table(d.clone(), "repeats.txt")], false).await.unwrap()[0].id();
    let (_, text) = search_texts(&t).await.into_iter().find(|(i, _)| *i == id).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(lines.iter().filter(|l| **l == "≥98.5%").count(), 1, "{text}");
    assert_eq!(lines.iter().filter(|l| **l == d.indicators[0].name).count(), 1, "{text}");
    for q in d.indicators.iter().flat_map(|i| [i.name.clone(), i.target.clone()]).chain(["98.5".to_owned()]) {
        let found = t.store.list(&Filter { search: Some(q.clone()), ..all() }).await.unwrap();
        assert!(found.items.iter().any(|s| s.id == id), "search {q:?} finds the table");
    }
}

/// Every table's id and search text, read with plain SQL (not through the store's search).
async fn search_texts(t: &TestStore) -> Vec<(i64, String)> {
    use sqlx::Connection;
    let sql = "SELECT id, search_text FROM target_tables";
    match &t.location {
        jixiao_store::Location::Sqlite { path } => {
            let mut c = sqlx::SqliteConnection::connect(&format!("sqlite:{}", path.display())).await.unwrap();
            sqlx::query_as(sql).fetch_all(&mut c).await.unwrap()
        }
        jixiao_store::Location::Postgres { url, schema } => {
            let mut c = sqlx::PgConnection::connect(url).await.unwrap();
            let sql = format!("SELECT id, search_text FROM {}.target_tables", schema.as_deref().unwrap());
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(&mut c).await.unwrap()
        }
        other => panic!("no test store at {other}"),
    }
}

/// The search uses an index (FTS5 trigrams, pg_trgm) and must find exactly the tables a LIKE
/// over their text finds: a substring, in SQLite with ASCII letters in either case, in PostgreSQL
/// as written; `%`, `_`, `\\` and quotes only themselves; texts shorter than a trigram too.
async fn the_search_finds_what_like_finds(t: TestStore) {
    let base = sample().remove(1);
    let names =
        ["Abc_DEF 50%", "abc\\def \"引号\" 'x'", "Éclair ÉCLAIR éclair", "\u{212A}elvin KELVIN", "高标准农田建设"];
    let mut tables: Vec<_> = fixture_documents().into_iter().map(|(f, d)| table(d, &f)).collect();
    for (n, name) in names.iter().enumerate() {
        let mut d = base.clone();
        d.project.as_mut().unwrap().name = (*name).to_owned();
        d.indicators[n].target = format!("{name}≥{n}个");
        tables.push(table(d, "names.txt"));
    }
    for chunk in tables.chunks(7) {
        t.store.import("cli", chunk, false).await.unwrap();
    }
    let texts = search_texts(&t).await;
    let fold = |s: &str| if t.store.is_postgres() { s.to_owned() } else { s.to_ascii_lowercase() };
    let mut queries: Vec<String> = [
        "出访",
        "出访团组",
        "%",
        "50%",
        "_",
        "c_d",
        "C_D",
        "\\",
        "c\\d",
        "\"引号\"",
        "'x'",
        "ABC",
        "abc",
        "éclair",
        "ÉCLAIR",
        "kelvin",
        "\u{212A}elvin",
        "满意度",
        "没有这个指标",
        "高",
        "农田",
        // Two characters that end a line (the project's name) and nowhere else.
        "建设",
        "农田建",
        "田建设",
        "≥",
    ]
    .iter()
    .map(|q| (*q).to_owned())
    .collect();
    // Substrings of every length at places spread over the stored texts, some with their case
    // turned, so that the index meets text it holds and text it holds only in another case.
    let mut seed = 7u64;
    for _ in 0..150 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let (_, text) = &texts[(seed >> 33) as usize % texts.len()];
        let chars: Vec<char> = text.chars().collect();
        let len = 1 + (seed >> 20) as usize % 6;
        let start = (seed >> 40) as usize % chars.len().saturating_sub(len).max(1);
        let q: String = chars[start..(start + len).min(chars.len())].iter().collect();
        queries.push(if seed % 3 == 0 { q.to_ascii_uppercase() } else { q });
    }
    // Each department's tables: with a department as well, a text that more of the store's
    // tables hold is looked for in the department's few tables instead of taken from the index
    // (SQLite), which must find the same.
    let mut departments: Vec<(i64, Vec<i64>)> = Vec::new();
    for s in t.store.list(&all()).await.unwrap().items {
        match departments.iter_mut().find(|(d, _)| *d == s.department_id) {
            Some((_, ids)) => ids.push(s.id),
            None => departments.push((s.department_id, vec![s.id])),
        }
    }
    assert!(departments.len() >= 3, "the fixtures are of several departments");
    for q in queries {
        let filter = Filter { search: Some(q.clone()), ..all() };
        let found = t.store.list(&filter).await.unwrap();
        let mut got: Vec<i64> = found.items.iter().map(|s| s.id).collect();
        got.sort();
        let needle = fold(q.trim());
        let mut want: Vec<i64> = texts
            .iter()
            .filter(|(_, text)| needle.is_empty() || fold(text).contains(&needle))
            .map(|(id, _)| *id)
            .collect();
        want.sort();
        assert_eq!(got, want, "search {q:?}");
        assert_eq!(found.total, want.len() as i64, "count of search {q:?}");
        for (department, ids) in &departments {
            let filter = Filter { search: Some(q.clone()), department_id: Some(*department), ..all() };
            let found = t.store.list(&filter).await.unwrap();
            let mut got: Vec<i64> = found.items.iter().map(|s| s.id).collect();
            got.sort();
            let want: Vec<i64> = want.iter().copied().filter(|id| ids.contains(id)).collect();
            assert_eq!(got, want, "search {q:?} in department {department}");
            assert_eq!(found.total, want.len() as i64, "count of search {q:?} in department {department}");
        }
    }
    // An edit changes what is found: the index follows the table's text.
    let id = t.store.list(&Filter { search: Some("高标准农田建设".into()), ..all() }).await.unwrap().items[0].id;
    let stored = t.store.get(id).await.unwrap();
    let mut d = stored.document.clone();
    d.project.as_mut().unwrap().name = "乡村道路养护".into();
    let report = jixiao_core::report::DocumentReport::new(&d, &jixiao_core::review::review(&d, None));
    t.store.save_edit(id, stored.version, &d, &report, "cli", None).await.unwrap();
    let after = |q: &str| Filter { search: Some(q.into()), ..all() };
    assert!(!t.store.list(&after("高标准农田建设")).await.unwrap().items.iter().any(|s| s.id == id));
    assert!(t.store.list(&after("道路养护")).await.unwrap().items.iter().any(|s| s.id == id));
}

async fn identities_survive_edits_and_imports(t: TestStore) {
    use jixiao_core::elements::{ElementId, Elements};
    let d = sample().remove(1);
    let n = d.indicators.len();
    assert!(n >= 2);
    let id = t.store.import("cli", &[table(d.clone(), "a.txt")], false).await.unwrap()[0].id();
    let v1 = t.store.get(id).await.unwrap();
    assert_eq!(v1.elements, Elements::first(&d), "a first version is numbered in document order");
    let first = v1.elements.indicators.clone();

    // An indicator inserted at the top and an edited target: the old indicators keep their
    // identities one place down, and the change log names the edited one, not every row.
    let mut edited = d.clone();
    edited.indicators.insert(0, jixiao_core::Indicator { name: "新增指标".into(), ..edited.indicators[0].clone() });
    edited.indicators[1].target = "≥99个".into();
    t.store.save_edit(id, 1, &edited, &table(edited.clone(), "").report, "waishi", None).await.unwrap();
    let v2 = t.store.get(id).await.unwrap();
    assert!(v2.elements.fits(&edited));
    assert_eq!(v2.elements.indicators[1..], first[..], "kept identities follow their indicators");
    let new = v2.elements.indicators[0];
    assert!(!v1.elements.indicators.contains(&new) && new.0 >= v1.elements.next, "a new indicator takes a new number");
    let log = t.store.history(id).await.unwrap();
    let changes = &log.last().unwrap().changes;
    let seen: Vec<(&str, Option<ElementId>)> = changes.iter().map(|c| (c.path.as_str(), c.element)).collect();
    assert_eq!(seen, [("indicators/0", Some(new)), ("indicators/1/target", Some(first[0]))], "{changes:?}");

    // Findings name their indicator by identity.
    for f in &v2.report.findings {
        if let Some(r) = &f.indicator {
            assert_eq!(r.id, Some(v2.elements.indicators[r.index]), "{f:?}");
        }
    }
    assert!(v2.report.findings.iter().any(|f| f.indicator.is_some()), "the sample has indicator findings");

    // A new file of the same table, with the inserted indicator gone again: the rest keep theirs.
    let mut again = edited.clone();
    again.indicators.remove(0);
    again.indicators[0].target = "≥98个".into();
    let out = t.store.import("cli", &[table(again.clone(), "b.txt")], false).await.unwrap();
    assert_eq!(out, vec![ImportOutcome::Updated { id, version: 3 }]);
    let v3 = t.store.get(id).await.unwrap();
    assert_eq!(v3.elements.indicators, first);
    assert_eq!(v3.elements.next, v2.elements.next, "a removed number is not given again");
    // Earlier versions keep theirs.
    assert_eq!(t.store.get_version(id, 2).await.unwrap().elements, v2.elements);

    // Versions stored before identities were kept get the same ones, carried along the history.
    if let jixiao_store::Location::Sqlite { path } = &t.location {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display())).await.unwrap();
        sqlx::query("UPDATE table_versions SET elements = NULL").execute(&pool).await.unwrap();
        pool.close().await;
        assert_eq!(t.store.get_version(id, 2).await.unwrap().elements, v2.elements);
        assert_eq!(t.store.get(id).await.unwrap().elements, v3.elements);
    }
}

/// The store keeps one table per identity by a short key of it (migrations 20261129130000 and
/// 20261130000000): an edit that would make a table another's is refused, and a store whose
/// tables have no keys yet (made before the migrations) gets them when opened, so that an import
/// finds its tables again.
async fn one_identity_is_one_table_with_keys_given_on_open(t: TestStore) {
    let base = sample().remove(1);
    let named = |name: &str| {
        let mut d = base.clone();
        d.project.as_mut().unwrap().name = name.to_owned();
        d
    };
    let (a, b) = (named("甲项目"), named("乙项目"));
    let out = t.store.import("cli", &[table(a.clone(), "a.txt"), table(b.clone(), "a.txt")], false).await.unwrap();
    let (id_a, id_b) = (out[0].id(), out[1].id());
    let mut as_b = b.clone();
    as_b.goals.push("改成乙的表".into());
    let err = t.store.save_edit(id_a, 1, &as_b, &table(as_b.clone(), "").report, "waishi", None).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert_eq!(t.store.get(id_a).await.unwrap().document, a, "the refused edit wrote nothing");

    // As a store made before the keys: none; opened again, every table has its key.
    let run = |sql: &'static str| {
        let location = t.location.clone();
        async move {
            use sqlx::Connection;
            match &location {
                jixiao_store::Location::Sqlite { path } => {
                    let mut c = sqlx::SqliteConnection::connect(&format!("sqlite:{}", path.display())).await.unwrap();
                    if !sql.starts_with("SELECT") {
                        sqlx::query(sql).execute(&mut c).await.unwrap().rows_affected() as i64
                    } else {
                        sqlx::query_scalar::<_, i64>(sql).fetch_one(&mut c).await.unwrap()
                    }
                }
                jixiao_store::Location::Postgres { url, schema } => {
                    let mut c = sqlx::PgConnection::connect(url).await.unwrap();
                    let schema = schema.as_deref().unwrap();
                    let sql = sql
                        .replace("target_tables", &format!("{schema}.target_tables"))
                        .replace("_sqlx_migrations", &format!("{schema}._sqlx_migrations"));
                    if !sql.starts_with("SELECT") {
                        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut c).await.unwrap().rows_affected() as i64
                    } else {
                        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql)).fetch_one(&mut c).await.unwrap()
                    }
                }
                other => panic!("no test store at {other}"),
            }
        }
    };
    // More tables than the keys are given at a time (1,000), so that the giving goes round.
    let many: Vec<_> = (0..1_100).map(|n| table(named(&format!("项目{n}")), "c.txt")).collect();
    t.store.import("cli", &many, false).await.unwrap();
    let unkeyed = "SELECT COUNT(*) FROM target_tables WHERE identity_hash IS NULL";
    assert_eq!(run("UPDATE target_tables SET identity_hash = NULL").await, 1_102);
    assert_eq!(run(unkeyed).await, 1_102);
    t.store.close().await;
    let store = jixiao_store::Store::open(&t.location).await.unwrap();
    assert_eq!(run(unkeyed).await, 0);
    let mut b2 = b.clone();
    b2.goals.push("第二版".into());
    let out = store.import("cli", &[table(a.clone(), "b.txt"), table(b2, "b.txt")], false).await.unwrap();
    assert_eq!(out, [ImportOutcome::Unchanged { id: id_a }, ImportOutcome::Updated { id: id_b, version: 2 }]);
    let again = store.import("cli", &many, false).await.unwrap();
    assert!(again.iter().all(|o| matches!(o, ImportOutcome::Unchanged { .. })), "every table found by its new key");
    assert_eq!(store.list(&all()).await.unwrap().total, 1_102);

    // As a store of the build before the keys led by year and department: keys of another kind,
    // and the migration that replaces them not yet run. Opened, the store runs it and gives every
    // table its key again, so that an import finds them all (with the old keys it would not).
    store.close().await;
    let other_keys = if t.store.is_postgres() {
        "UPDATE target_tables SET identity_hash = decode(md5(random()::text || id::text), 'hex')"
    } else {
        "UPDATE target_tables SET identity_hash = randomblob(16)"
    };
    assert_eq!(run(other_keys).await, 1_102);
    assert_eq!(run("DELETE FROM _sqlx_migrations WHERE version = 20261130000000").await, 1);
    let store = jixiao_store::Store::open(&t.location).await.unwrap();
    assert_eq!(run("SELECT COUNT(*) FROM _sqlx_migrations WHERE version = 20261130000000").await, 1);
    let again = store.import("cli", &many, false).await.unwrap();
    assert!(again.iter().all(|o| matches!(o, ImportOutcome::Unchanged { .. })), "found again after the migration");
    assert_eq!(store.list(&all()).await.unwrap().total, 1_102);
}

async fn findings_come_back_with_their_texts_kept_once(t: TestStore) {
    // The sample's tables again and again, each time of another department and with indicators
    // named otherwise: the same rules find the same things, in other words.
    let file = |n: usize| -> Vec<jixiao_store::ImportTable> {
        let mut tables = Vec::new();
        for mut d in sample() {
            d.department = format!("{}{n}", d.department);
            for i in &mut d.indicators {
                i.name = format!("{}{n}", i.name);
            }
            tables.push(table(d, &format!("{n}.txt")));
        }
        tables
    };
    // Dry runs store no template.
    for _ in 0..2 {
        t.store.import("test", &file(0), true).await.unwrap();
    }
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM finding_texts").await, 0);
    // A file that fails half way takes the templates it stored with it (SQLite; PostgreSQL commits
    // each at once, where it stays, unused), and on SQLite their ids go to other texts after them.
    let mut failing = file(1);
    let mut refused = failing[0].clone();
    refuse_department(&t, &mut refused).await;
    failing.push(refused);
    assert!(t.store.import("test", &failing, false).await.is_err());
    if !t.store.is_postgres() {
        assert_eq!(scalar(&t, "SELECT COUNT(*) FROM finding_texts").await, 0);
    }
    let mut imported = Vec::new();
    for n in 1..=4 {
        let tables = file(n);
        let out = t.store.import("test", &tables, false).await.unwrap();
        imported.extend(out.iter().map(|o| o.id()).zip(tables.into_iter().map(|t| t.report)));
    }
    assert!(imported.iter().map(|(_, r)| r.findings.len()).sum::<usize>() > 20, "the sample has findings");
    // What this process remembers and what another reads from the store give the same findings.
    let other = jixiao_store::Store::open(&t.location).await.unwrap();
    // A stored report names the table's parts by their identities, which the report imported has not.
    let without_ids = |mut r: jixiao_core::report::DocumentReport| {
        for f in &mut r.findings {
            if let Some(i) = &mut f.indicator {
                i.id = None;
            }
            if let Some(t) = &mut f.task {
                t.id = None;
            }
        }
        r
    };
    for (id, report) in &imported {
        assert_eq!(&without_ids(t.store.get(*id).await.unwrap().report), report, "table {id}");
        let read = without_ids(other.get(*id).await.unwrap().report);
        assert_eq!(&read, report, "table {id}, read by another process");
    }
    assert!(scalar(&t, "SELECT COUNT(*) FROM finding_texts").await > 0);
    // The last file's reports name their texts by template: a fraction of the report as the API
    // writes it.
    let stored = scalar(&t, "SELECT SUM(LENGTH(report)) FROM table_versions WHERE source_name = '4.txt'").await;
    let api: usize = file(4).iter().map(|t| serde_json::to_string(&t.report).unwrap().chars().count()).sum();
    assert!((stored as usize) * 6 < api, "{stored} characters stored against {api} in the API's JSON");
}

/// Several files in one transaction: a file that fails is rolled back alone, with the department
/// and the templates it stored, and the files after it find neither left behind; nothing is
/// stored before the batch is finished, and a batch dropped unfinished stores nothing.
async fn a_batch_stores_its_files_but_the_one_that_failed(t: TestStore) {
    let file = |name: &str, suffix: &str| -> Vec<jixiao_store::ImportTable> {
        // The project tables, each file's its own projects.
        sample()
            .into_iter()
            .filter_map(|mut d| {
                let p = d.project.as_mut()?;
                p.name = format!("{}{suffix}", p.name);
                Some(table(d, name))
            })
            .collect()
    };
    // The failing file stores the sample's department and, met twice in it, its findings'
    // templates before its last table is refused.
    let mut failing = file("bad.txt", "");
    let mut refused = failing[1].clone();
    refuse_department(&t, &mut refused).await;
    failing.push(refused);
    let (first, second) = (file("a.txt", "(一)"), file("b.txt", "(二)"));

    let mut batch = t.store.begin_import("test").await.unwrap();
    assert!(batch.file(&failing).await.is_err());
    assert!(!batch.is_broken(), "a file's failure leaves the batch going");
    let mut ids: Vec<i64> = batch.file(&first).await.unwrap().iter().map(|o| o.id()).collect();
    ids.extend(batch.file(&second).await.unwrap().iter().map(|o| o.id()));
    assert_eq!(t.store.list(&all()).await.unwrap().total, 0, "nothing is visible before the commit");
    batch.finish().await.unwrap();

    let listed = t.store.list(&all()).await.unwrap();
    assert_eq!(listed.total as usize, first.len() + second.len());
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "every table its own id");
    assert_eq!(t.store.departments().await.unwrap().len(), 1, "the department, stored once");
    assert!(t.store.check().await.unwrap().is_empty());
    // Read back by another process, which knows only what the store holds: the templates the
    // failed file stored and took back are not named by the reports of the files after it.
    let other = jixiao_store::Store::open(&t.location).await.unwrap();
    for (id, went_in) in ids.iter().zip(first.iter().chain(&second)) {
        let stored = other.get(*id).await.unwrap();
        assert_eq!(stored.document, went_in.document, "table {id}");
        let messages = |r: &jixiao_core::report::DocumentReport| -> Vec<String> {
            r.findings.iter().map(|f| format!("{} {}", f.rule, f.message)).collect()
        };
        assert_eq!(messages(&stored.report), messages(&went_in.report), "table {id}");
    }
    // The search index holds the words of both files.
    for suffix in ["(一)", "(二)"] {
        let found = t.store.list(&Filter { search: Some(suffix.into()), ..all() }).await.unwrap();
        assert_eq!(found.total as usize, first.len(), "{suffix}");
    }

    // A batch dropped before it is finished stores nothing.
    let mut dropped = t.store.begin_import("test").await.unwrap();
    dropped.file(&file("c.txt", "(三)")).await.unwrap();
    drop(dropped);
    assert_eq!(t.store.list(&all()).await.unwrap().total as usize, first.len() + second.len());
}

/// Makes `table`'s department one the store refuses to create, so that a file holding it fails
/// where that department would be stored: PostgreSQL refuses NUL in text; SQLite is given a
/// trigger that refuses the name `BOOM`.
async fn refuse_department(t: &TestStore, table: &mut jixiao_store::ImportTable) {
    if t.store.is_postgres() {
        table.document.department = "\u{0}".into();
    } else {
        sqlite_execute(
            t,
            "CREATE TRIGGER IF NOT EXISTS boom BEFORE INSERT ON departments WHEN NEW.name = 'BOOM' \
             BEGIN SELECT RAISE(ABORT, 'boom'); END",
        )
        .await;
        table.document.department = "BOOM".into();
    }
}

/// What an audit of the web application found the store let through: an edit that moved a
/// table to another department, a file that changed a table under review, a save that changed
/// nothing making a version, a draft's words in the public list, a page past any end.
async fn what_is_under_review_or_unpublished_stays_where_it_is(t: TestStore) {
    let outcomes = import_sample(&t).await;
    let mut clean = None;
    for o in &outcomes {
        let s = t.store.get(o.id()).await.unwrap().summary;
        if s.errors == 0 && s.kind == "project" {
            clean = Some(s.id);
        }
    }
    let id = clean.expect("the sample has a project table without errors");
    let d = t.store.get(id).await.unwrap();

    // An edit cannot hand the table to another department.
    let mut moved = d.document.clone();
    moved.department = "另一个部门".into();
    let err = t.store.save_edit(id, 1, &moved, &d.report, "waishi", None).await.unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)) && err.to_string().contains("部门"), "{err}");

    // A save that changes nothing writes nothing.
    let changes_before = t.store.history(id).await.unwrap().len();
    assert_eq!(t.store.save_edit(id, 1, &d.document, &d.report, "waishi", None).await.unwrap(), 1);
    assert_eq!(t.store.history(id).await.unwrap().len(), changes_before);

    // New content from a file does not change a table under review.
    t.store.act(id, Action::Submit, "waishi", None).await.unwrap();
    let mut changed = d.document.clone();
    changed.goals.push("审核期间导入的新目标".into());
    let err = t.store.import("cli", &[table(changed.clone(), "again.txt")], false).await.unwrap_err();
    assert!(err.to_string().contains("审核期间"), "{err}");
    let now = t.store.get(id).await.unwrap();
    assert_eq!((now.version, now.summary.status), (1, Status::Submitted));

    // A published table under revision shows its published version in the public list, and a
    // draft's words find it there by no search.
    t.store.act(id, Action::Approve, "caizheng", None).await.unwrap();
    t.store.act(id, Action::Publish, "caizheng", None).await.unwrap();
    let mut draft = d.document.clone();
    draft.indicators[0].name = "未公开的草稿词".into();
    t.store.save_edit(id, 1, &draft, &d.report, "waishi", None).await.unwrap();
    let public = Filter { published: true, ..all() };
    let listed = t.store.list(&public).await.unwrap();
    let item = listed.items.iter().find(|s| s.id == id).expect("still public");
    assert_eq!((item.version, item.status, item.errors), (1, Status::Published, d.summary.errors));
    let searched = t.store.list(&Filter { search: Some("未公开的草稿词".into()), ..public.clone() }).await.unwrap();
    assert!(searched.items.is_empty(), "{:?}", searched.items);
    let own = t.store.list(&Filter { search: Some("未公开的草稿词".into()), ..all() }).await.unwrap();
    assert_eq!(own.items.iter().map(|s| s.id).collect::<Vec<_>>(), [id], "the department finds its draft");

    // A page number typed past any end reads an empty page.
    let far = t.store.list(&Filter { page: i64::MAX, ..all() }).await.unwrap();
    assert!(far.items.is_empty());
}

/// PostgreSQL's text holds no NUL and refused the whole statement for one (a 500 in the API),
/// where SQLite answered: both now drop it from filters and reasons.
async fn a_nul_in_a_filter_or_reason_is_answered_alike(t: TestStore) {
    let outcomes = import_sample(&t).await;
    let plain = t.store.list(&Filter { search: Some("外事".into()), ..all() }).await.unwrap();
    let found = t.store.list(&Filter { search: Some("外\0事".into()), ..all() }).await.unwrap();
    assert!(plain.total > 0);
    assert_eq!(found.total, plain.total, "the search is for 外事");
    for f in [
        Filter { department: Some("\0".into()), ..all() },
        Filter { grade: Some("\0".into()), ..all() },
        Filter { kind: Some("a\0b".into()), ..all() },
    ] {
        assert_eq!(t.store.list(&f).await.unwrap().total, 0);
    }
    let mut clean = None;
    for o in &outcomes {
        let s = t.store.get(o.id()).await.unwrap().summary;
        if s.errors == 0 {
            clean = Some(s.id);
        }
    }
    let id = clean.expect("a table without errors");
    t.store.act(id, Action::Submit, "waishi", None).await.unwrap();
    t.store.act(id, Action::Return, "caizheng", Some("原因\0补充")).await.unwrap();
    let history = t.store.history(id).await.unwrap();
    assert_eq!(history.last().unwrap().reason.as_deref(), Some("原因补充"));
    assert!(matches!(t.store.user_by_name("a\0").await, Err(StoreError::NotFound(_))));
}

/// A SQLite store from before 2026-12-01, where a 项目编码 of `无` keyed a table: opened, the
/// table is keyed by its name, so that another project written `无` is a table of its own and
/// the same project imported again is still the same table.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tables_whose_code_is_no_code_are_told_apart_by_their_names() {
    let t = common::sqlite().await;
    let coded = |name: &str| {
        let mut d = sample().remove(1);
        let p = d.project.as_mut().unwrap();
        p.name = name.to_owned();
        p.code = jixiao_core::Stated::Given("无".to_owned());
        d
    };
    let first = t.store.import("cli", &[table(coded("日常公用经费"), "a.txt")], false).await.unwrap()[0].id();
    t.store.close().await;
    // The key the build before gave it.
    sqlite_execute(
        &t,
        "DELETE FROM _sqlx_migrations WHERE version = 20261206000000; \
         UPDATE target_tables SET identity = replace(identity, 'name:日常公用经费', 'code:无');",
    )
    .await;
    let store = jixiao_store::Store::open(&t.location).await.unwrap();
    let other = store.import("cli", &[table(coded("外事接待经费"), "b.txt")], false).await.unwrap();
    assert!(matches!(other[0], ImportOutcome::Created { .. }), "another project: {other:?}");
    assert_ne!(other[0].id(), first);
    let mut again = coded("日常公用经费");
    again.goals.push("再补充一条目标。".to_owned());
    let same = store.import("cli", &[table(again, "a2.txt")], false).await.unwrap();
    assert!(matches!(same[0], ImportOutcome::Updated { .. }), "the same project: {same:?}");
    assert_eq!(same[0].id(), first);
    assert_eq!(store.list(&all()).await.unwrap().total, 2);
}
