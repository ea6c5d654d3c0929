// docs/resource-types.md is generated from the adapter registry: it names what each adapter reads, and it must not
// drift from the adapters (`npm run docs` rewrites it).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { renderResourceTypeDocs, RESOURCE_TYPES_DOCS_PATH } from "../../cli/docs";
import { ADAPTERS, adapterFor, resourceTypeDocs } from "../../adapters/registry";
import { PACK_DIR } from "../harness/engine";

describe("supported resource types (docs/resource-types.md)", () => {
    it("is generated from the adapter registry and current (npm run docs)", () => {
        const onDisk = fs.readFileSync(path.join(PACK_DIR, RESOURCE_TYPES_DOCS_PATH), "utf8");
        assert.ok(
            onDisk === renderResourceTypeDocs(resourceTypeDocs()),
            `${RESOURCE_TYPES_DOCS_PATH} is out of date: run npm run docs`,
        );
    });

    it("has a row for every adapter, and every type token a row names in full is routed to that adapter", () => {
        for (const a of ADAPTERS) {
            assert.ok(a.docs.length > 0, `${a.name} documents nothing`);
            for (const row of a.docs)
                for (const [, token] of row.types.matchAll(/`((?:docker|aws|awsx|gcp|azure-native):[^`]+)`/g))
                    assert.equal(adapterFor(token)?.name, a.name, `${token} in ${a.name}'s row`);
        }
    });

    it("routes by package first: a token of a package no adapter reads has no adapter", () => {
        assert.equal(adapterFor("random:index/randomPet:RandomPet"), undefined);
        assert.equal(adapterFor("kubernetes:core/v1:ConfigMap")?.name, "kubernetes");
        assert.equal(adapterFor("kubernetes:kubevirt.io/v1:VirtualMachine")?.name, "kubevirt");
        assert.equal(adapterFor("kubernetes:argoproj.io/v1alpha1:Workflow")?.name, "crd");
        assert.equal(adapterFor("awsx:ecs:FargateService")?.name, "aws");
        assert.equal(adapterFor("aws:s3/bucket:Bucket"), undefined);
    });
});
