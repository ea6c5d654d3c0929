// A host path finding tells each platform's user what to use instead, in the storage that platform offers (the
// dialect's hostPathInstead): a Docker user gets no "ConfigMap", a VM no "emptyDir". Both checks that report host
// paths, on every platform that has them, through the pipeline the pack uses.
import * as assert from "assert";
import { judge, PackConfig } from "../helpers";
import { POD } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { hostRootBatchJob, privilegedSocketTask } from "../fixtures/aws";
import { VIRTUAL_MACHINE } from "../fixtures/multitenancy";

const NO_HOST_PATHS: PackConfig = { "no-sensitive-host-mounts": { checks: { hostPathVolumes: true } } };

/** The fix hint of each of one check's findings: from the "use …" that follows "<field> is <value>; ". */
function fixes(type: string, props: Record<string, unknown>, check: string): string[] {
    return judge(type, props, NO_HOST_PATHS)
        .filter((d) => d.check === check)
        .map((d) => d.message.slice(d.message.lastIndexOf("; use ") + 2));
}

const CASES: {
    platform: string;
    type: string;
    props: () => Record<string, unknown>;
    sensitive: string;
    any: string;
}[] = [
    {
        platform: "Kubernetes",
        type: POD.type,
        props: () =>
            POD.wrap({
                containers: [{ name: "app", image: "nginx", volumeMounts: [{ name: "sock", mountPath: "/s" }] }],
                volumes: [{ name: "sock", hostPath: { path: "/var/run/docker.sock" } }],
            }),
        sensitive: "use a volume, ConfigMap, Secret or emptyDir instead; read-only does not make it safe",
        any: "use a persistent volume claim, ConfigMap, Secret or emptyDir instead",
    },
    {
        platform: "KubeVirt",
        type: VIRTUAL_MACHINE.type,
        props: () =>
            VIRTUAL_MACHINE.wrap({
                domain: { devices: { disks: [{ name: "host", disk: {} }] } },
                volumes: [{ name: "host", hostDisk: { path: "/var/run", type: "Disk" } }],
            }),
        sensitive:
            "use a persistent volume claim or DataVolume, a containerDisk, ConfigMap, Secret or emptyDisk instead; read-only does not make it safe",
        any: "use a persistent volume claim or DataVolume, a containerDisk, ConfigMap, Secret or emptyDisk instead",
    },
    {
        platform: "Docker",
        type: DOCKER_CONTAINER,
        props: () => ({
            ...hardenedContainer(),
            volumes: [{ hostPath: "/var/run/docker.sock", containerPath: "/var/run/docker.sock" }],
        }),
        sensitive: "use a named Docker volume or a tmpfs mount instead; read-only does not make it safe",
        any: "use a named Docker volume or a tmpfs mount instead",
    },
    {
        platform: "ECS",
        type: "aws:ecs/taskDefinition:TaskDefinition",
        props: privilegedSocketTask,
        sensitive:
            "use an EFS volume or the container's own storage (secrets through the container definition's secrets) instead; read-only does not make it safe",
        any: "use an EFS volume or the container's own storage instead",
    },
    {
        platform: "Batch container job",
        type: "aws:batch/jobDefinition:JobDefinition",
        props: hostRootBatchJob,
        sensitive:
            "use an EFS volume or the container's own storage (secrets through the container definition's secrets) instead; read-only does not make it safe",
        any: "use an EFS volume or the container's own storage instead",
    },
    {
        platform: "Batch on EKS",
        type: "aws:batch/jobDefinition:JobDefinition",
        props: () => ({
            name: "eks-job",
            type: "container",
            eksProperties: {
                podProperties: {
                    containers: [
                        { name: "c", image: "example.com/job:1", volumeMounts: [{ name: "root", mountPath: "/host" }] },
                    ],
                    volumes: [{ name: "root", hostPath: { path: "/" } }],
                },
            },
        }),
        sensitive: "use an emptyDir or secret volume instead; read-only does not make it safe",
        any: "use an emptyDir or secret volume instead",
    },
];

describe("host path findings name the platform's own storage as the fix", () => {
    for (const c of CASES) {
        it(`${c.platform}: sensitiveHostPath and hostPathVolumes`, () => {
            assert.deepStrictEqual(fixes(c.type, c.props(), "sensitiveHostPath"), [c.sensitive]);
            assert.deepStrictEqual(fixes(c.type, c.props(), "hostPathVolumes"), [c.any]);
        });
    }
});
