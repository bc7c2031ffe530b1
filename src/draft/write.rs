//! Writing a draft: a facts file for editing (`[source]`, `[[new_entity]]`, `[[candidate]]`,
//! each proposal commented with why), or one JSON object for programs.

use super::Draft;
use serde_json::json;
use std::io::{self, Write};

fn quoted(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_owned()
}

/// Writes the draft as a facts file to review.
pub fn toml(draft: &Draft, out: &mut dyn Write) -> io::Result<()> {
    let s = &draft.source;
    writeln!(
        out,
        "# A DRAFT of the facts of {}, proposed by `cica-kg draft`: nothing here is a fact yet.",
        s.file
    )?;
    writeln!(out, "# Review it: delete a [[candidate]] to reject it, fix a value, a time or a quote, check the")?;
    writeln!(
        out,
        "# [source] (every field is proposed). Then `cica-kg --data DIR accept {} --all-checked`",
        s.id
    )?;
    writeln!(out, "# turns the remaining candidates into statements and the [[new_entity]] tables they use into")?;
    writeln!(out, "# entities of entities.toml, or refuses, all or nothing, if one no longer passes the checks.")?;
    writeln!(out, "\n[source]")?;
    let fields = [
        ("id", &s.id),
        ("file", &s.file),
        ("title", &s.title),
        ("publisher", &s.publisher),
        ("editor", &s.editor),
        ("published", &s.published),
        ("dateline_place", &s.dateline_place),
        ("dateline_date", &s.dateline_date),
        ("language", &s.language),
    ];
    for (key, value) in fields {
        match s.proposed.get(key) {
            Some(why) => writeln!(out, "{key} = {}  # proposed: {why}", quoted(value))?,
            None => writeln!(
                out,
                "{key} = {}  # not found in the text: fill it in",
                quoted(value)
            )?,
        }
    }
    for e in draft.entities.iter().filter(|e| e.new) {
        writeln!(out, "\n# A new entity, added to entities.toml with the first accepted candidate that uses it.")?;
        writeln!(
            out,
            "[[new_entity]]\nid = {}\nclass = {}\nlabel = {}",
            quoted(&e.id),
            quoted(&e.class),
            quoted(&e.label)
        )?;
    }
    for c in &draft.candidates {
        writeln!(out, "\n[[candidate]]")?;
        writeln!(
            out,
            "subject = {}\nproperty = {}",
            quoted(&c.subject),
            quoted(&c.property)
        )?;
        if let Some(v) = &c.object {
            writeln!(out, "object = {}", quoted(v))?;
        }
        if let Some(v) = &c.text {
            writeln!(out, "text = {}", quoted(v))?;
        }
        if let Some(v) = &c.date {
            writeln!(out, "date = {}", quoted(v))?;
        }
        if let Some(v) = c.integer {
            writeln!(out, "integer = {v}")?;
        }
        if let Some(v) = c.boolean {
            writeln!(out, "boolean = {v}")?;
        }
        for (key, v) in [
            ("point_in_time", &c.point_in_time),
            ("start", &c.start),
            ("end", &c.end),
        ] {
            if let Some(v) = v {
                writeln!(out, "{key} = {}", quoted(v))?;
            }
        }
        writeln!(out, "quote = {}", quoted(&c.quote))?;
        writeln!(
            out,
            "confidence = {}\nwhy = {}",
            c.confidence,
            quoted(&c.why)
        )?;
    }
    Ok(())
}

/// Writes the draft as `{"source", "entities", "candidates"}`.
pub fn json(draft: &Draft, out: &mut dyn Write) -> io::Result<()> {
    let value = json!({
        "source": draft.source,
        "entities": draft.entities,
        "candidates": draft.candidates,
    });
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}
