// The pack's entry (compiled to dist/index.js, package.json `main`). Loads no provider SDK: adapters read raw inputs.
import { PolicyPack } from "@pulumi/policy";
import { installEngineHooks } from "./engine/hooks";
import { resourcePolicy } from "./engine/policy";
import { resourcePolicies } from "./policies";

installEngineHooks();

new PolicyPack("isolation-guard", {
    policies: resourcePolicies.map(resourcePolicy),
});
