// Where the upstream PSA fixture corpus lives: `test/conformance/pss/`, copied into the repository with its license
// and provenance (see SOURCE.md there). It is test data, so a fresh clone runs the whole corpus.
import * as path from "path";
import { PACK_DIR } from "../harness/engine";

export const CORPUS_DIR = path.join(PACK_DIR, "test", "conformance", "pss");
