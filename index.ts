// The pack's entry (compiled to dist/index.js, package.json `main`). Loads no provider SDK: adapters read raw inputs.
import { PolicyPack } from "@pulumi/policy";
import { installEngineHooks } from "./engine/hooks";
import { packPolicies } from "./policies/pack";

installEngineHooks();

new PolicyPack("isolation-guard", {
    policies: packPolicies().map((p) => p.policy),
});
