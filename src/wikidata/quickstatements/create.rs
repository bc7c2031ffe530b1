//! Drafting a `CREATE` block for an entity without a Wikidata item: label, aliases,
//! description, instance of, and the lines of its statements, for an editor to review.

use super::values::quoted;
use super::writer::Writer;
use crate::facts::Entity;
use crate::wikidata::{links, WikidataError};

impl Writer<'_> {
    /// The CREATE block of an entity: CREATE, label, aliases, description, instance of, and
    /// the lines of its statements (already prefixed with LAST).
    pub(super) fn create_block(
        &mut self,
        entity: &Entity,
        statements: Vec<String>,
        references: &[String],
    ) -> Result<Vec<String>, WikidataError> {
        let mut block = vec!["CREATE".to_owned()];
        self.names(entity, &mut block)?;
        let (descriptions, claims): (Vec<String>, Vec<String>) = statements
            .into_iter()
            .partition(|l| l.starts_with("LAST\tDen\t"));
        self.description(entity, descriptions, &mut block);
        match self.alignments.class_items.get(&entity.class) {
            Some(items) => {
                for item in items {
                    let mut line = vec!["LAST".to_owned(), "P31".to_owned(), item.clone()];
                    line.extend(references.iter().cloned());
                    block.push(line.join("\t"));
                }
            }
            None => self.batch.notes.push(format!(
                "{}: no instance of (P31) line: its class cica:{} has no verified Wikidata class; add one by hand",
                entity.id, entity.class
            )),
        }
        block.extend(claims);
        self.batch.notes.push(format!(
            "{}: drafted a CREATE block; before running it, search Wikidata for \"{}\" ({}) to be sure the item does not exist yet",
            entity.id,
            links::search_text(entity),
            links::search_url(links::search_text(entity))
        ));
        Ok(block)
    }

    /// The label and aliases of a new item.
    fn names(&mut self, entity: &Entity, block: &mut Vec<String>) -> Result<(), WikidataError> {
        let label = quoted(&entity.label)
            .map_err(|why| WikidataError::Input(format!("{}: its label {why}", entity.id)))?;
        block.push(format!("LAST\tLen\t{label}"));
        for name in &entity.other_names {
            match quoted(name) {
                Ok(name) => block.push(format!("LAST\tAen\t{name}")),
                Err(why) => self.batch.notes.push(format!(
                    "{}: the other name {why}; it is left out",
                    entity.id
                )),
            }
        }
        Ok(())
    }

    /// The description of a new item: the first the facts give, written as Wikidata writes
    /// descriptions (no leading article: "forum on security issues"); a class's label alone
    /// ("document") does not tell an item apart, so without one the draft has none.
    fn description(&mut self, entity: &Entity, descriptions: Vec<String>, block: &mut Vec<String>) {
        if descriptions.len() > 1 {
            self.batch.notes.push(format!(
                "{}: the facts give {} descriptions; the draft keeps the first (Wikidata has one per language)",
                entity.id,
                descriptions.len()
            ));
        }
        match descriptions.into_iter().next() {
            Some(line) => block.push(without_article(&line)),
            None => self.batch.notes.push(format!(
                "{}: no description: the facts give none, and a class's name alone does not tell the item apart; add a LAST<TAB>Den line by hand (a few words, such as \"summit of ... held in ...\")",
                entity.id
            )),
        }
    }
}

/// A `Den` line without the article its text starts with: Wikidata descriptions start with
/// no "a", "an" or "the".
fn without_article(line: &str) -> String {
    let Some(text) = line.strip_prefix("LAST\tDen\t\"") else {
        return line.to_owned();
    };
    let text = ["a ", "an ", "the "]
        .iter()
        .find_map(|article| text.strip_prefix(article))
        .unwrap_or(text);
    format!("LAST\tDen\t\"{text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_start_without_an_article() {
        assert_eq!(
            without_article("LAST\tDen\t\"a forum on security issues\""),
            "LAST\tDen\t\"forum on security issues\""
        );
        assert_eq!(
            without_article("LAST\tDen\t\"the permanent administrative body of the CICA\""),
            "LAST\tDen\t\"permanent administrative body of the CICA\""
        );
        assert_eq!(
            without_article("LAST\tDen\t\"annual meeting\""),
            "LAST\tDen\t\"annual meeting\""
        );
    }
}
