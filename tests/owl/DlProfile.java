// Checks that a Turtle file is an ontology in the OWL 2 DL profile, with the OWL API.
//
// tests/ontology.rs compiles it against the OWL API of the Debian package libowlapi-java
// (scripts/test.sh installs it) and runs it on ontology/cica.ttl:
//
//     java -cp CLASSES:OWLAPI_CLASSPATH DlProfile FILE.ttl
//
// It reads FILE.ttl with the OWL API's Turtle parser, without letting the parser repair
// illegal punnings or take Dublin Core terms as built-in annotation properties (so that
// every term must be declared as in any other vocabulary), and prints one line for each
// triple that does not map to an OWL 2 axiom, one line for each violation of the OWL 2 DL
// profile (`violation: KIND: DETAILS`), then a summary. The parser's strict mode is not
// used: in OWL API 5.1.20 it rejects anonymous class expressions such as the union domain
// of cica:aim, which OWL 2 DL allows.
//
// Exit status: 0 when the ontology is in the OWL 2 DL profile, 1 when it is not, 2 when
// the file cannot be loaded.

import java.io.File;
import java.util.List;
import java.util.stream.Collectors;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.TurtleDocumentFormat;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.io.RDFTriple;
import org.semanticweb.owlapi.model.OWLDocumentFormat;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public final class DlProfile {
    private static final int IN_PROFILE = 0;
    private static final int NOT_IN_PROFILE = 1;
    private static final int CANNOT_LOAD = 2;

    private DlProfile() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java DlProfile FILE.ttl");
            System.exit(CANNOT_LOAD);
        }
        File file = new File(args[0]);
        OWLOntologyManager manager;
        OWLOntology ontology;
        try {
            manager = OWLManager.createOWLOntologyManager();
            manager.setOntologyLoaderConfiguration(new OWLOntologyLoaderConfiguration()
                    .setRepairIllegalPunnings(false)
                    .setTreatDublinCoreAsBuiltIn(false));
            ontology = manager.loadOntologyFromOntologyDocument(
                    new FileDocumentSource(file, new TurtleDocumentFormat()));
        } catch (Exception | LinkageError e) {
            System.err.println(file + ": cannot be loaded as an OWL ontology in Turtle: " + e);
            System.exit(CANNOT_LOAD);
            return;
        }
        int problems = reportUnparsedTriples(manager.getOntologyFormat(ontology))
                + reportViolations(ontology);
        System.out.println(file + ": " + ontology.getAxiomCount() + " axioms, "
                + (problems == 0
                        ? "in the OWL 2 DL profile"
                        : problems + " problems: not in the OWL 2 DL profile"));
        System.exit(problems == 0 ? IN_PROFILE : NOT_IN_PROFILE);
    }

    /** Prints the triples that the parser could not map to axioms; returns their count. */
    private static int reportUnparsedTriples(OWLDocumentFormat format) {
        if (format == null || !format.getOntologyLoaderMetaData().isPresent()) {
            return 0;
        }
        List<RDFTriple> unparsed = format.getOntologyLoaderMetaData().get()
                .getUnparsedTriples()
                .collect(Collectors.toList());
        for (RDFTriple triple : unparsed) {
            System.out.println("unparsed triple: " + triple);
        }
        return unparsed.size();
    }

    /** Prints the violations of the OWL 2 DL profile; returns their count. */
    private static int reportViolations(OWLOntology ontology) {
        List<OWLProfileViolation> violations =
                new OWL2DLProfile().checkOntology(ontology).getViolations();
        for (OWLProfileViolation violation : violations) {
            System.out.println(
                    "violation: " + violation.getClass().getSimpleName() + ": " + violation);
        }
        return violations.size();
    }
}
