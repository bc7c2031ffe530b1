//! The rewrites of a draft file's tables, with `toml_edit` (comments, order and layout kept):
//! candidates become statements where they stand, and accepted `[[new_entity]]` tables leave
//! the draft (they go to `entities.toml`).

use toml_edit::{ArrayOfTables, DocumentMut, Item};

/// The array of tables `key` of `doc`, made if missing.
pub(super) fn array<'d>(doc: &'d mut DocumentMut, key: &str) -> &'d mut ArrayOfTables {
    if !doc.contains_key(key) {
        doc.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    doc[key]
        .as_array_of_tables_mut()
        .expect("an array of tables")
}

/// Removes the `[[new_entity]]` tables: all of them, or with `some` those with these ids.
pub(super) fn remove_new_entities(doc: &mut DocumentMut, some: Option<&[&str]>) {
    let Some(ids) = some else {
        doc.remove("new_entity");
        return;
    };
    if let Some(tables) = doc
        .get_mut("new_entity")
        .and_then(Item::as_array_of_tables_mut)
    {
        tables.retain(|t| {
            !t.get("id")
                .and_then(Item::as_str)
                .is_some_and(|id| ids.contains(&id))
        });
        if tables.is_empty() {
            doc.remove("new_entity");
        }
    }
}

/// Turns every `[[candidate]]` (or with `only` that one) into a `[[statement]]` where it
/// stands. Returns how many.
pub(super) fn to_statements(doc: &mut DocumentMut, only: Option<usize>) -> usize {
    let Some(Item::ArrayOfTables(candidates)) = doc.remove("candidate") else {
        return 0;
    };
    let mut kept = ArrayOfTables::new();
    let mut count = 0;
    for (i, mut table) in candidates.into_iter().enumerate() {
        if only.is_some_and(|o| o != i) {
            kept.push(table);
            continue;
        }
        table.remove("confidence");
        table.remove("why");
        array(doc, "statement").push(table);
        count += 1;
    }
    if !kept.is_empty() {
        doc.insert("candidate", Item::ArrayOfTables(kept));
    }
    count
}
