//! The vendored pdf-extract reads ToUnicode CMaps with its own one-pass reader: on every CMap
//! of the PDF fixtures it must give exactly what adobe-cmap-parser (upstream's reader) gives.

use std::path::Path;

use pdf_extract::{Document, Object};

#[test]
fn every_fixture_cmap_reads_as_upstream_reads_it() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf");
    let mut compared = 0;
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures/pdf") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "pdf") || path.ends_with("encrypted.pdf") {
            continue;
        }
        files += 1;
        let doc = Document::load(&path).expect("loads");
        for object in doc.objects.values() {
            let Ok(dict) = object.as_dict() else { continue };
            let Ok(Object::Reference(id)) = dict.get(b"ToUnicode") else { continue };
            let Ok(stream) = doc.get_object(*id).and_then(Object::as_stream) else { continue };
            let data = stream.decompressed_content().expect("inflates");
            let ours = pdf_extract::parse_to_unicode_cmap(&data).expect("reads");
            let upstream = adobe_cmap_parser::get_unicode_map(&data).expect("upstream reads");
            assert_eq!(ours, upstream, "{} {id:?}", path.display());
            compared += 1;
        }
    }
    // Chromium's prints alone carry over a hundred Type 3 fonts, each with its CMap.
    assert!(files >= 20 && compared > 500, "{files} files, {compared} CMaps");
}
