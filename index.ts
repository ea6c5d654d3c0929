// The pack's entry (compiled to dist/index.js, package.json `main`). Loads no provider SDK: adapters read raw inputs.
import { PolicyPack } from "@pulumi/policy";
import { installConfigGuard } from "./engine/configGuard";
import { installEngineHooks } from "./engine/hooks";
import { packPolicies } from "./policies/pack";

const policies = packPolicies().map((p) => p.policy);
installEngineHooks();
installConfigGuard(policies);

new PolicyPack("isolation-guard", { policies });
