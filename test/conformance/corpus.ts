// Where the upstream PSA fixture corpus lives: `../shared/conformance/pss/` beside the repository (data, not copied
// in), or $PSS_CORPUS_DIR.
import * as path from "path";
import { PACK_DIR } from "../harness/engine";

export const CORPUS_DIR = process.env.PSS_CORPUS_DIR ? path.resolve(process.env.PSS_CORPUS_DIR) : path.resolve(PACK_DIR, "..", "shared", "conformance", "pss");
