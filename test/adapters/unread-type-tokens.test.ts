// Type tokens of a platform's package that its adapter does not read (an Azure storage account, a Docker image or
// network) are routed to no adapter at all, like any token of a package no adapter knows: they are no workloads.
import * as assert from "assert";
import { adapterFor } from "../../adapters/registry";
import { azureAdapter } from "../../adapters/azure";
import { dockerAdapter } from "../../adapters/docker";

describe("type tokens an adapter's package has but it does not read", () => {
    for (const type of [
        "azure-native:storage:StorageAccount",
        "azure-native:containerinstance/v20230501:NotAKind",
        "azure-native:containerservice:Snapshot",
    ])
        it(`routes ${type} to no adapter`, () => {
            assert.strictEqual(adapterFor(type), undefined);
        });

    it("still routes the Azure kinds it reads to the Azure adapter", () => {
        assert.strictEqual(adapterFor("azure-native:containerinstance:ContainerGroup"), azureAdapter);
        assert.strictEqual(adapterFor("azure-native:compute/v20240301:VirtualMachine"), azureAdapter);
    });

    for (const type of ["docker:index/image:Image", "docker:index/network:Network", "docker:index/volume:Volumes"])
        it(`routes ${type} to no adapter`, () => {
            assert.strictEqual(adapterFor(type), undefined);
        });

    it("still routes the Docker kinds it reads to the Docker adapter", () => {
        for (const type of [
            "docker:index/container:Container",
            "docker:index/service:Service",
            "docker:index/volume:Volume",
        ])
            assert.strictEqual(adapterFor(type), dockerAdapter, type);
    });
});
