// A CI runner container set up the way many tutorials do it: privileged, in the host PID namespace, with CAP_SYS_ADMIN
// and the Docker socket bind-mounted. Any of these lets a job take over the host; isolation-guard rejects it.
import * as docker from "@pulumi/docker";

const runner = new docker.Container("ci-runner", {
    image: "example.com/ci-runner:3.0",
    privileged: true,
    pidMode: "host",
    capabilities: { adds: ["SYS_ADMIN"] },
    volumes: [{ hostPath: "/var/run/docker.sock", containerPath: "/var/run/docker.sock" }],
});

export const containerName = runner.name;
