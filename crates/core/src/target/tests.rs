//! Table-driven tests of the target grammar, and property tests that it never panics and that
//! canonical renderings read back to the same target.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;

fn parsed(text: &str) -> Value {
    serde_json::to_value(Target::parse(text)).expect("targets serialise")
}

fn q(op: &str, value: &str, unit: &str) -> Value {
    json!({"op": op, "value": num(value), "unit": unit})
}

fn num(v: &str) -> Value {
    serde_json::from_str(v).expect("a JSON number")
}

fn quantity(terms: Vec<Value>) -> Value {
    json!({"kind": "quantity", "terms": terms})
}

fn quality(text: &str, direction: &str) -> Value {
    json!({"kind": "quality", "text": text, "direction": direction})
}

/// Every distinct target of the seed table, with the parse format.md implies.
#[test]
fn seed_targets_parse_as_the_format_implies() {
    let cases: Vec<(&str, Value)> = vec![
        ("100%", quantity(vec![q("=", "100", "%")])),
        ("0", quantity(vec![q("=", "0", "")])),
        ("10%", quantity(vec![q("=", "10", "%")])),
        ("大于10个团组，80人次", quantity(vec![q(">", "10", "个团组"), q(">", "80", "人次")])),
        ("大于3个项目", quantity(vec![q(">", "3", "个项目")])),
        ("大于650万元", quantity(vec![q(">", "650", "万元")])),
        ("大于1500万元", quantity(vec![q(">", "1500", "万元")])),
        ("大大提升", quality("大大提升", "up")),
        ("大于80%", quantity(vec![q(">", "80", "%")])),
        ("大于1500本", quantity(vec![q(">", "1500", "本")])),
        ("大于200人", quantity(vec![q(">", "200", "人")])),
        ("大于90%", quantity(vec![q(">", "90", "%")])),
        ("小于7个工作日", quantity(vec![q("<", "7", "个工作日")])),
        ("小于3个工作日", quantity(vec![q("<", "3", "个工作日")])),
        ("大于10万元", quantity(vec![q(">", "10", "万元")])),
        ("大于20万元", quantity(vec![q(">", "20", "万元")])),
        ("大于15万元", quantity(vec![q(">", "15", "万元")])),
        ("持续增长", quality("持续增长", "up")),
        ("持续提升", quality("持续提升", "up")),
        ("大于40个团组，500人次", quantity(vec![q(">", "40", "个团组"), q(">", "500", "人次")])),
        ("大于10个团组，30人次", quantity(vec![q(">", "10", "个团组"), q(">", "30", "人次")])),
        (
            "大于网站2个，100人次",
            quantity(vec![json!({"op": ">", "value": 2, "unit": "个", "subject": "网站"}), q(">", "100", "人次")]),
        ),
        ("", json!({"kind": "empty"})),
        ("小于3天", quantity(vec![q("<", "3", "天")])),
        ("大于150万元", quantity(vec![q(">", "150", "万元")])),
        ("大于50万元", quantity(vec![q(">", "50", "万元")])),
        ("有所提升", quality("有所提升", "up")),
        ("大于40个团组，200人次", quantity(vec![q(">", "40", "个团组"), q(">", "200", "人次")])),
        ("50人", quantity(vec![q("=", "50", "人")])),
        ("70%", quantity(vec![q("=", "70", "%")])),
        ("大于2场", quantity(vec![q(">", "2", "场")])),
        ("大于3人", quantity(vec![q(">", "3", "人")])),
        ("大于10期", quantity(vec![q(">", "10", "期")])),
        ("大于10人", quantity(vec![q(">", "10", "人")])),
        ("大于150人", quantity(vec![q(">", "150", "人")])),
        ("大于2万元", quantity(vec![q(">", "2", "万元")])),
    ];
    assert_eq!(cases.len(), 36, "the seed has 36 distinct targets");
    for (text, expected) in cases {
        assert_eq!(parsed(text), expected, "target {text:?}");
    }
}

#[test]
fn comparator_words() {
    let cases = [
        ("大于5个", ">"),
        ("高于5个", ">"),
        ("超过5个", ">"),
        ("多于5个", ">"),
        ("不少于5个", ">="),
        ("不低于5个", ">="),
        ("至少5个", ">="),
        ("达到5个", ">="),
        ("小于5个", "<"),
        ("低于5个", "<"),
        ("少于5个", "<"),
        ("不足5个", "<"),
        ("不超过5个", "<="),
        ("不高于5个", "<="),
        ("不多于5个", "<="),
        ("等于5个", "="),
        ("大于等于5个", ">="),
        ("小于或等于5个", "<="),
    ];
    for (text, op) in cases {
        assert_eq!(parsed(text), quantity(vec![q(op, "5", "个")]), "target {text:?}");
    }
}

#[test]
fn comparator_symbols() {
    let cases = [
        (">90%", ">"),
        ("≥90%", ">="),
        (">=90%", ">="),
        ("≧90%", ">="),
        ("<90%", "<"),
        ("≤90%", "<="),
        ("<=90%", "<="),
        ("≦90%", "<="),
        ("=90%", "="),
        ("＝90%", "="),
        ("＞90%", ">"),
        ("≥ 90 %", ">="),
    ];
    for (text, op) in cases {
        assert_eq!(parsed(text), quantity(vec![q(op, "90", "%")]), "target {text:?}");
    }
}

#[test]
fn comparator_suffixes() {
    assert_eq!(parsed("95%以上"), quantity(vec![q(">=", "95", "%")]));
    assert_eq!(parsed("95%以上。"), quantity(vec![q(">=", "95", "%")]));
    assert_eq!(parsed("3天以内"), quantity(vec![q("<=", "3", "天")]));
    assert_eq!(parsed("10万元以下"), quantity(vec![q("<=", "10", "万元")]));
    assert_eq!(parsed("7个工作日内"), quantity(vec![q("<=", "7", "个工作日")]));
    assert_eq!(parsed("3天内完成"), quantity(vec![q("<=", "3", "天")]));
    assert_eq!(parsed("100人及以上"), quantity(vec![q(">=", "100", "人")]));
    assert_eq!(parsed("12月底前"), json!({"kind": "date", "op": "<=", "date": "--12-31"}));
}

#[test]
fn full_width_forms_and_separators() {
    assert_eq!(parsed("≥９０％"), quantity(vec![q(">=", "90", "%")]));
    assert_eq!(parsed("１，６００人"), quantity(vec![q("=", "1600", "人")]));
    assert_eq!(parsed("1,600人次"), quantity(vec![q("=", "1600", "人次")]));
    assert_eq!(parsed("1,600,000元"), quantity(vec![q("=", "1600000", "元")]));
    assert_eq!(parsed("≤28.8万元"), quantity(vec![q("<=", "28.8", "万元")]));
    assert_eq!(parsed("　≥　95.50%　"), quantity(vec![q(">=", "95.50", "%")]));
    assert_eq!(parsed("ＡＢＣ"), json!({"kind": "quality", "text": "ＡＢＣ", "direction": "none"}));
}

#[test]
fn compound_targets_carry_the_leading_comparator() {
    assert_eq!(parsed("≥10个;5天以内"), quantity(vec![q(">=", "10", "个"), q("<=", "5", "天")]));
    assert_eq!(parsed("大于10个团组、80人次"), quantity(vec![q(">", "10", "个团组"), q(">", "80", "人次")]));
    assert_eq!(parsed("10个团组，80人次"), quantity(vec![q("=", "10", "个团组"), q("=", "80", "人次")]));
}

#[test]
fn counted_subjects() {
    assert_eq!(
        parsed("网站维护不少于2次"),
        quantity(vec![json!({"op": ">=", "value": 2, "unit": "次", "subject": "网站维护"})])
    );
    assert_eq!(
        parsed("覆盖率≥90%"),
        quantity(vec![json!({"op": ">=", "value": 90, "unit": "%", "subject": "覆盖率"})])
    );
}

#[test]
fn a_year_before_a_comparator_is_the_terms_year_and_before_a_number_a_date() {
    assert_eq!(
        parsed("2022年≥3公里；2023年≥5公里"),
        quantity(vec![
            json!({"op": ">=", "value": 3, "unit": "公里", "subject": "2022年"}),
            json!({"op": ">=", "value": 5, "unit": "公里", "subject": "2023年"}),
        ])
    );
    assert_eq!(
        parsed("2022年100%；2023年100%")["terms"][1],
        json!({"op": "=", "value": 100, "unit": "%", "subject": "2023年"})
    );
    assert_eq!(parsed("2022年12月底前"), json!({"kind": "date", "op": "<=", "date": "2022-12-31"}));
    assert_eq!(parsed("≥2022年12月")["kind"], "date");
    assert_eq!(parsed("2022年完成")["kind"], "date");
}

#[test]
fn ranges() {
    assert_eq!(parsed("90%-95%"), json!({"kind": "range", "min": 90, "max": 95, "unit": "%"}));
    assert_eq!(parsed("90-95%"), json!({"kind": "range", "min": 90, "max": 95, "unit": "%"}));
    assert_eq!(parsed("1至2个"), json!({"kind": "range", "min": 1, "max": 2, "unit": "个"}));
    assert_eq!(parsed("90％～95％"), json!({"kind": "range", "min": 90, "max": 95, "unit": "%"}));
    assert_eq!(parsed("在5-10人之间"), json!({"kind": "range", "min": 5, "max": 10, "unit": "人"}));
    // Bounds out of order or with different units are not a range.
    assert_eq!(parsed("95-90%")["kind"], "quality");
    assert_eq!(parsed("1个-2人")["kind"], "quality");
}

#[test]
fn dates() {
    let date = |op: &str, d: &str| json!({"kind": "date", "op": op, "date": d});
    assert_eq!(parsed("2021年12月31日前"), date("<=", "2021-12-31"));
    assert_eq!(parsed("2021年12月底"), date("=", "2021-12-31"));
    assert_eq!(parsed("2021年12月底前"), date("<=", "2021-12-31"));
    assert_eq!(parsed("12月底前"), date("<=", "--12-31"));
    assert_eq!(parsed("2021年6月30日之前完成"), date("<=", "2021-06-30"));
    assert_eq!(parsed("2021年底前"), date("<=", "2021-12-31"));
    assert_eq!(parsed("2022年2月底"), date("=", "2022-02-28"));
    assert_eq!(parsed("2024年2月底"), date("=", "2024-02-29"));
    assert_eq!(parsed("不晚于2021年6月"), date("<=", "2021-06"));
    assert_eq!(parsed("2021-06-30"), date("=", "2021-06-30"));
    assert_eq!(parsed("2021年"), date("=", "2021"));
    assert_eq!(parsed("2021年6月下旬"), date("=", "2021-06-30"));
    // Not dates: impossible days, durations, sentences.
    assert_eq!(parsed("2021年2月30日")["unparsed"], true);
    assert_eq!(parsed("6个月"), quantity(vec![q("=", "6", "个月")]));
    assert_eq!(parsed("2021年12月底完成项目规划相关工作。")["unparsed"], true);
}

#[test]
fn qualitative_directions() {
    assert_eq!(parsed("大大提升"), quality("大大提升", "up"));
    assert_eq!(parsed("持续降低"), quality("持续降低", "down"));
    assert_eq!(parsed("保持稳定"), quality("保持稳定", "keep"));
    assert_eq!(parsed("保持稳定增长"), quality("保持稳定增长", "up"));
    assert_eq!(parsed("不降低"), quality("不降低", "keep"));
    assert_eq!(parsed("效果明显"), quality("效果明显", "none"));
    assert_eq!(parsed("促进人民群众健康水平不断提高。"), quality("促进人民群众健康水平不断提高", "up"));
}

#[test]
fn chinese_numerals_after_a_comparator() {
    assert_eq!(parsed("不少于两次"), quantity(vec![q(">=", "2", "次")]));
    assert_eq!(parsed("大于一百二十人"), quantity(vec![q(">", "120", "人")]));
    // A numeral inside a word is not a number.
    assert_eq!(parsed("高于一般水平")["kind"], "quality");
}

#[test]
fn unparseable_text_is_flagged_qualitative() {
    let t = parsed("对学校2400平米体育场馆补贴5万元。");
    assert_eq!(
        t,
        json!({"kind": "quality", "text": "对学校2400平米体育场馆补贴5万元", "direction": "none", "unparsed": true})
    );
    assert_eq!(parsed("按照资金测算控制各项成本")["unparsed"], Value::Null);
}

#[test]
fn empty_and_placeholder_dashes_are_empty() {
    for text in ["", "   ", "—", "/", "——", "－"] {
        assert_eq!(parsed(text), json!({"kind": "empty"}), "target {text:?}");
    }
}

#[test]
fn canonical_renderings() {
    let cases = [
        ("≥90%", ">=90%"),
        ("大于10个团组，80人次", ">10个团组; >80人次"),
        ("2021年12月31日前", "<=2021-12-31"),
        ("大于网站2个，100人次", ">网站2个; >100人次"),
        ("90%-95%", "90~95%"),
        ("12月底前", "<=--12-31"),
        ("2021年", "=2021年"),
        ("大大提升", "大大提升"),
        ("", ""),
        ("-5%", "=-5%"),
        ("2022年≥3公里；2023年≥5公里", "2022年>=3公里; 2023年>=5公里"),
        ("2022年不低于95%", "2022年>=95%"),
        ("2022年100%", "2022年=100%"),
    ];
    for (text, canonical) in cases {
        let target = Target::parse(text);
        assert_eq!(target.canonical(), canonical, "target {text:?}");
        assert_eq!(Target::parse(canonical), target, "canonical of {text:?}");
    }
}

/// Inputs the fuzzer found whose canonical rendering read back differently.
#[test]
fn fuzzer_findings_read_back() {
    for text in
        ["0\u{b}-1", "1\u{b}内", "1区间-1", "1%之间-2", "0,012月", "2,021年", "10个,004月", "00%,-00,012月底S,00%;;"]
    {
        let t = Target::parse(text);
        assert_eq!(Target::parse(&t.canonical()), t, "{text:?} → {:?}", t.canonical());
    }
    // A comma after a leading zero is no thousands separator.
    assert_ne!(parsed("0,012"), quantity(vec![q("=", "12", "")]));
}

#[test]
fn partial_dates_read_their_iso_forms() {
    for s in ["2021-12-31", "2021-12", "2021", "--12-31", "--12"] {
        let d: PartialDate = s.parse().expect(s);
        assert_eq!(d.to_string(), s);
    }
    for s in ["2021-13", "--13", "2021-02-30", "abc", "", "-", "2021-1-1-1", "99999"] {
        assert!(s.parse::<PartialDate>().is_err(), "{s:?} is not a date");
    }
}

#[test]
fn targets_deserialise_from_their_json() {
    for text in
        ["大于网站2个，100人次", "90%-95%", "2021年12月底前", "大大提升", "", "≤28.8万元", "对学校2400平米5万元"]
    {
        let t = Target::parse(text);
        let json = serde_json::to_string(&t).expect("serialises");
        let back: Target = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back, t, "{json}");
    }
}

/// Strings built from the grammar's own pieces, to reach deep into it more often than
/// arbitrary Unicode does.
fn target_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("大于".to_owned()),
        Just("不少于".to_owned()),
        Just("≥".to_owned()),
        Just("<=".to_owned()),
        Just("以上".to_owned()),
        Just("以内".to_owned()),
        Just("内".to_owned()),
        Just("年".to_owned()),
        Just("月".to_owned()),
        Just("日".to_owned()),
        Just("底".to_owned()),
        Just("前".to_owned()),
        Just("%".to_owned()),
        Just("个".to_owned()),
        Just("万元".to_owned()),
        Just("网站".to_owned()),
        Just("，".to_owned()),
        Just(";".to_owned()),
        Just("-".to_owned()),
        Just("~".to_owned()),
        Just("至".to_owned()),
        Just(".".to_owned()),
        Just(",".to_owned()),
        Just("两".to_owned()),
        Just("十".to_owned()),
        Just("提升".to_owned()),
        Just(" ".to_owned()),
        Just("。".to_owned()),
        "[0-9]{1,5}",
        "20[0-9]{2}",
        "\\PC{0,2}",
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn never_panics_on_arbitrary_unicode(s in "\\PC*|.*") {
        let _ = Target::parse(&s);
    }

    #[test]
    fn canonical_reads_back_the_same(s in target_like()) {
        let t = Target::parse(&s);
        let canonical = t.canonical();
        let again = Target::parse(&canonical);
        prop_assert_eq!(&again, &t, "text {:?} canonical {:?}", s, canonical);
        prop_assert_eq!(again.canonical(), canonical);
    }

    #[test]
    fn canonical_reads_back_on_arbitrary_unicode(s in "\\PC{0,12}") {
        let t = Target::parse(&s);
        prop_assert_eq!(Target::parse(&t.canonical()), t);
    }
}

#[test]
fn a_masked_number_is_no_quantity() {
    // A copy that masks digits (`≤****000元`) leaves a number that is not the table's: reading
    // it as 0 would make a cost of nothing.
    assert!(matches!(Target::parse("≤****000元"), Target::Quality { .. }));
    assert!(matches!(Target::parse("≤＊＊5万元"), Target::Quality { .. }));
}
