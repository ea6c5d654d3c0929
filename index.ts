// The pack's entry (compiled to dist/index.js, package.json `main`), which `pulumi preview --policy-pack` runs. Loads no
// provider SDK: adapters read raw inputs. The same policies, for composing into another pack, come from lib.ts.
import { PolicyPack } from "@pulumi/policy";
import { isolationGuardPolicies } from "./lib";
import { packMetadata } from "./policies/metadata";

const policies = isolationGuardPolicies();
new PolicyPack("isolation-guard", { policies, ...packMetadata(policies) });
