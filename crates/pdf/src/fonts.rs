//! Fonts whose characters a ToUnicode map already names do not need their embedded programs:
//! pdf-extract would otherwise inflate and parse each one (a CJK subset is hundreds of KB), only
//! to learn an encoding the map makes unused. Nor are
//! Type 3 glyph procedures (Chromium draws CJK text in Type 3 fonts) ever run: text comes from
//! the ToUnicode maps. Both are removed before anything inflates them.

use pdf_extract::{Document, Object, ObjectId};

/// Removes `FontFile`, `FontFile2` and `FontFile3` from the descriptors of simple fonts that
/// have a ToUnicode map, and the glyph procedures of Type 3 fonts, with the streams they held.
pub fn drop_unneeded_programs(doc: &mut Document) {
    let mut descriptors: Vec<ObjectId> = Vec::new();
    let mut procedures: Vec<ObjectId> = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        let is_font = dict.get(b"Type").and_then(Object::as_name).is_ok_and(|n| n == b"Font");
        let simple = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Type1" || n == b"TrueType" || n == b"MMType1");
        let type3 = dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Type3");
        if is_font && type3 {
            if let Ok(procs) = dict.get(b"CharProcs").and_then(|o| match o {
                Object::Reference(id) => doc.get_dictionary(*id),
                o => o.as_dict(),
            }) {
                procedures.extend(procs.iter().filter_map(|(_, v)| v.as_reference().ok()));
            }
        }
        if is_font && simple && dict.has(b"ToUnicode") {
            if let Ok(id) = dict.get(b"FontDescriptor").and_then(Object::as_reference) {
                descriptors.push(id);
            }
        }
    }
    let mut programs: Vec<ObjectId> = Vec::new();
    for id in descriptors {
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(id) {
            for key in [&b"FontFile"[..], b"FontFile2", b"FontFile3"] {
                programs.extend(d.remove(key).and_then(|o| o.as_reference().ok()));
            }
        }
    }
    // A glyph procedure stream becomes empty rather than absent: the font still names it.
    for id in procedures {
        if let Ok(Object::Stream(s)) = doc.get_object_mut(id) {
            s.dict.remove(b"Filter");
            s.set_content(Vec::new());
        }
    }
    for id in programs {
        doc.objects.remove(&id);
    }
}
