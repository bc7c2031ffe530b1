//! Turtle and TriG a person can read. Oxigraph's serializer writes correct Turtle, but its
//! prefixes come in no stable order and its subjects follow each other without a break; this
//! module lays its output out, line by line as it is written, without parsing or writing RDF
//! itself:
//!
//! - a header comment: what the file is, its sources, the ontology's version, the counts;
//! - the prefixes (only those used, as [`super::export`] declares them) sorted by name;
//! - a blank line between subjects (and, in TriG, between graphs).
//!
//! A subject's `rdf:type` comes first because [`super::export::sort`] puts it first. Every
//! line of Oxigraph's Turtle is whole (it escapes line breaks inside literals), so a line that
//! starts a subject or a graph is known by its indentation alone. The tests parse the result
//! with Oxigraph, RDFLib, rapper and serdi and compare the graphs.

use std::io::{self, Write};

/// The comment lines written before the prefixes (without their `# `).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// One entry per line.
    pub lines: Vec<String>,
}

/// A writer that lays out Oxigraph's Turtle or TriG as it passes through.
pub struct Layout<W: Write> {
    out: W,
    header: Header,
    /// The prefix lines, until the first other line.
    prefixes: Option<Vec<String>>,
    /// The bytes of the line being written.
    line: Vec<u8>,
    /// Whether a subject was written in the current block (the document, or a TriG graph).
    subject_in_block: bool,
    /// Whether a graph block was written.
    graph_written: bool,
}

impl<W: Write> Layout<W> {
    /// Lays out what is written into `out`, starting with `header`.
    pub fn new(out: W, header: Header) -> Self {
        Self {
            out,
            header,
            prefixes: Some(Vec::new()),
            line: Vec::new(),
            subject_in_block: false,
            graph_written: false,
        }
    }

    /// Writes what is left (a last line without a newline, or the header and prefixes of a
    /// document without triples) and hands the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        if !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            self.process(&line)?;
        }
        if self.prefixes.is_some() {
            self.write_head()?;
        }
        self.out.flush()?;
        Ok(self.out)
    }

    /// The header, then the sorted prefixes, then a blank line.
    fn write_head(&mut self) -> io::Result<()> {
        for line in &self.header.lines {
            writeln!(self.out, "# {line}")?;
        }
        let mut prefixes = self.prefixes.take().unwrap_or_default();
        prefixes.sort_by(|a, b| prefix_name(a).cmp(prefix_name(b)));
        if !self.header.lines.is_empty() && !prefixes.is_empty() {
            writeln!(self.out)?;
        }
        for prefix in &prefixes {
            writeln!(self.out, "{prefix}")?;
        }
        if !self.header.lines.is_empty() || !prefixes.is_empty() {
            writeln!(self.out)?;
        }
        Ok(())
    }

    /// One whole line, with its newline.
    fn process(&mut self, line: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(line);
        let content = text.trim_end_matches(['\n', '\r']);
        if let Some(prefixes) = &mut self.prefixes {
            if content.starts_with("@prefix ") || content.starts_with("PREFIX ") {
                prefixes.push(content.to_owned());
                return Ok(());
            }
            self.write_head()?;
        }
        let indent = content.len() - content.trim_start_matches('\t').len();
        let top = indent == 0 && !content.is_empty();
        if top && content.ends_with('{') {
            // A TriG graph.
            if self.graph_written || self.subject_in_block {
                writeln!(self.out)?;
            }
            self.graph_written = true;
            self.subject_in_block = false;
        } else if top && content != "}" || indent == 1 && self.graph_written {
            // A subject, at the top level or inside a TriG graph.
            if self.subject_in_block {
                writeln!(self.out)?;
            }
            self.subject_in_block = true;
        }
        self.out.write_all(line)
    }
}

/// The name of a prefix line, `@prefix name: <iri> .`
fn prefix_name(line: &str) -> &str {
    line.split_whitespace().nth(1).unwrap_or("")
}

impl<W: Write> Write for Layout<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(end) = rest.iter().position(|b| *b == b'\n') {
            self.line.extend_from_slice(&rest[..=end]);
            let line = std::mem::take(&mut self.line);
            self.process(&line)?;
            rest = &rest[end + 1..];
        }
        self.line.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str, header: &[&str]) -> String {
        let header = Header {
            lines: header.iter().map(|s| s.to_string()).collect(),
        };
        let mut layout = Layout::new(Vec::new(), header);
        // Written in odd pieces, as a serializer may.
        for piece in text.as_bytes().chunks(7) {
            layout.write_all(piece).unwrap();
        }
        String::from_utf8(layout.finish().unwrap()).unwrap()
    }

    #[test]
    fn turtle_gets_a_header_sorted_prefixes_and_blank_lines() {
        let text = "@prefix z: <http://z/> .\n@prefix a: <http://a/> .\nz:s a a:C ;\n\ta:p \"x\\ny\" .\nz:t a:p z:s .\n";
        assert_eq!(
            layout(text, &["what", "counts"]),
            "# what\n# counts\n\n@prefix a: <http://a/> .\n@prefix z: <http://z/> .\n\nz:s a a:C ;\n\ta:p \"x\\ny\" .\n\nz:t a:p z:s .\n"
        );
    }

    #[test]
    fn trig_graphs_and_their_subjects_are_separated() {
        let text = "@prefix g: <http://g/> .\ng:a {\n\tg:s g:p g:o ;\n\t\tg:q g:o .\n\tg:t g:p g:o .\n}\ng:b {\n\tg:s g:p g:o .\n}\n";
        assert_eq!(
            layout(text, &["h"]),
            "# h\n\n@prefix g: <http://g/> .\n\ng:a {\n\tg:s g:p g:o ;\n\t\tg:q g:o .\n\n\tg:t g:p g:o .\n}\n\ng:b {\n\tg:s g:p g:o .\n}\n"
        );
    }

    #[test]
    fn an_empty_document_is_its_header() {
        assert_eq!(layout("", &["nothing"]), "# nothing\n\n");
        assert_eq!(layout("", &[]), "");
    }
}
