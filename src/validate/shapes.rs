//! The SHACL shapes of `ontology/shapes.ttl`, each evaluated by its SPARQL rule in
//! `queries/checks/` (one per targeted shape, named by its `# Shape:` line), which returns one
//! row per offending focus node: `?focus`, optionally `?property`, and `?message`.

use super::locate::Locator;
use super::ValidateError;
use crate::diagnostic::{Kind, Problem, Span};
use crate::embedded;
use crate::ontology;
use crate::query::{plain, run_internal};
use crate::vocab::{cicash, sh};
use oxigraph::model::{NamedNodeRef, NamedOrBlankNode, Term};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use std::collections::BTreeSet;

/// One SPARQL rule of `queries/checks/`, the evaluation of one shape.
#[derive(Debug, Clone)]
pub struct Check {
    /// The file name without `.rq`.
    pub name: String,
    /// `# Check: ...`: what it checks and why.
    pub description: String,
    /// `# Shape: cicash:...`: the shape it evaluates, as a full IRI.
    pub shape: String,
    /// `# Fix: ...`: what to change.
    pub fix: String,
    /// The query.
    pub text: String,
}

/// The rules of `queries/checks/`, each with its header read.
pub fn checks() -> Result<Vec<Check>, ValidateError> {
    embedded::CHECKS
        .iter()
        .map(|(file, text)| {
            let fields = header_fields(text);
            let field = |key: &str| -> Result<String, ValidateError> {
                fields
                    .iter()
                    .find(|(k, v)| *k == key && !v.is_empty())
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| {
                        ValidateError::Rules(format!(
                            "queries/checks/{file} has no '# {key}: ...' header line; add one"
                        ))
                    })
            };
            let shape = field("Shape")?;
            let local = shape.strip_prefix("cicash:").ok_or_else(|| {
                ValidateError::Rules(format!(
                    "queries/checks/{file}: '# Shape: {shape}' must name a shape as cicash:Name"
                ))
            })?;
            Ok(Check {
                name: file.trim_end_matches(".rq").to_owned(),
                description: field("Check")?,
                shape: format!("{}{local}", cicash::NAMESPACE),
                fix: field("Fix")?,
                text: (*text).to_owned(),
            })
        })
        .collect()
}

/// The `# Key: value` fields of a rule's leading comment; a comment line that starts with no
/// key goes on with the field before it.
fn header_fields(text: &str) -> Vec<(&'static str, String)> {
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    for line in text.lines() {
        let Some(comment) = line.strip_prefix('#') else {
            break;
        };
        let comment = comment.trim();
        let key = ["Check", "Shape", "Fix"]
            .into_iter()
            .find(|key| comment.starts_with(&format!("{key}:")));
        match (key, fields.last_mut()) {
            (Some(key), _) => fields.push((key, comment[key.len() + 1..].trim().to_owned())),
            (None, Some((_, value))) if !comment.is_empty() => {
                value.push(' ');
                value.push_str(comment);
            }
            _ => {}
        }
    }
    fields
}

/// The shapes of `ontology/shapes.ttl` that have a target (the others are only used by
/// them), as IRIs, sorted.
pub fn targeted_shapes() -> Result<BTreeSet<String>, ValidateError> {
    let triples = ontology::shipped_file("shapes.ttl")?;
    let targets = [
        sh::TARGET_CLASS,
        sh::TARGET_NODE,
        sh::TARGET_SUBJECTS_OF,
        sh::TARGET_OBJECTS_OF,
    ];
    Ok(triples
        .iter()
        .filter(|t| targets.contains(&t.predicate.as_ref()))
        .filter_map(|t| match &t.subject {
            NamedOrBlankNode::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        })
        .collect())
}

/// The checks, after making sure that each targeted shape has exactly one and each names a
/// shape of `ontology/shapes.ttl`.
pub fn checks_for_shapes() -> Result<Vec<Check>, ValidateError> {
    let checks = checks()?;
    let shapes = targeted_shapes()?;
    for shape in &shapes {
        let count = checks.iter().filter(|c| &c.shape == shape).count();
        if count != 1 {
            return Err(ValidateError::Rules(format!(
                "the shape <{shape}> of ontology/shapes.ttl has {count} rules in queries/checks/; \
                 give it exactly one (a .rq file whose '# Shape:' line names it)"
            )));
        }
    }
    if let Some(check) = checks.iter().find(|c| !shapes.contains(&c.shape)) {
        return Err(ValidateError::Rules(format!(
            "queries/checks/{}.rq names <{}>, which is not a targeted shape of ontology/shapes.ttl; \
             correct its '# Shape:' line",
            check.name, check.shape
        )));
    }
    Ok(checks)
}

/// Runs one rule and turns each row into a problem.
pub fn shape_problems(
    store: &Store,
    check: &Check,
    locate: &Locator,
    prefixes: &[(String, String)],
) -> Result<Vec<Problem>, ValidateError> {
    let origin = format!("queries/checks/{}.rq", check.name);
    let QueryResults::Solutions(solutions) = run_internal(store, &origin, &check.text, &[])? else {
        return Err(ValidateError::Rules(format!(
            "{origin} is not a SELECT query; write SELECT ?focus ?property ?message"
        )));
    };
    let shape = plain(NamedNodeRef::new_unchecked(&check.shape).into(), prefixes);
    let mut problems = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(crate::query::QueryError::evaluation)?;
        let (Some(focus), Some(Term::Literal(message))) =
            (solution.get("focus"), solution.get("message"))
        else {
            return Err(ValidateError::Rules(format!(
                "{origin}: a row has no ?focus or no ?message text"
            )));
        };
        let property = match solution.get("property") {
            Some(Term::NamedNode(p)) => Some(p.as_str()),
            _ => None,
        };
        let focus_iri = match focus {
            Term::NamedNode(n) => n.as_str().to_owned(),
            other => other.to_string(),
        };
        let spans = locate.locate(&focus_iri, property);
        let also = match spans.as_slice() {
            [_, _, ..] => {
                let places: Vec<String> = spans.iter().map(Span::to_string).collect();
                format!(", stated at {}", places.join(" and "))
            }
            _ => String::new(),
        };
        let message = format!(
            "{} {}{also} (shape {shape})",
            plain(focus.as_ref(), prefixes),
            message.value()
        );
        let mut problem = Problem::new(Kind::Shape, spans[0].clone(), message, &check.fix);
        problem.shape = Some(check.shape.clone());
        problem.focus = Some(focus_iri);
        problems.push(problem);
    }
    problems.sort_by(|a, b| (&a.span, &a.message).cmp(&(&b.span, &b.message)));
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_targeted_shape_has_exactly_one_rule() {
        let checks = checks_for_shapes().unwrap();
        let shapes = targeted_shapes().unwrap();
        assert_eq!(checks.len(), shapes.len());
        assert!(shapes.len() >= 10, "{shapes:?}");
        for check in &checks {
            assert!(!check.description.is_empty(), "{}", check.name);
            assert!(!check.fix.is_empty(), "{}", check.name);
        }
    }

    #[test]
    fn headers_go_on_over_several_lines() {
        let fields = header_fields(
            "# Check: one\n# two\n# Shape: cicash:X\n# Fix: do it\nPREFIX x: <y>\n# Check: not read\n",
        );
        assert_eq!(
            fields,
            [
                ("Check", "one two".to_owned()),
                ("Shape", "cicash:X".to_owned()),
                ("Fix", "do it".to_owned())
            ]
        );
    }

    #[test]
    fn the_label_shape_targets_every_class_of_the_schema() {
        let triples = ontology::shipped_file("shapes.ttl").unwrap();
        let shape = format!("{}EntityLabelShape", cicash::NAMESPACE);
        let mut classes: Vec<String> = triples
            .iter()
            .filter(|t| t.subject.to_string() == format!("<{shape}>"))
            .filter(|t| t.predicate == sh::TARGET_CLASS)
            .map(|t| t.object.to_string())
            .collect();
        classes.sort();
        let schema = &ontology::shipped().unwrap().schema;
        let expected: Vec<String> = schema
            .class_names()
            .map(|c| format!("<{}>", crate::vocab::cica::term(c).as_str()))
            .collect();
        assert_eq!(classes, expected);
    }
}
