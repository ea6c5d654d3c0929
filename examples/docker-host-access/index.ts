// Docker containers that reach the host although no field says `hostPath` or `host` (issue 22), beside a compliant
// twin. isolation-guard judges what the Docker engine does with each value:
// - `log-shipper` names its volume "/var/lib/docker/containers": the provider sends an absolute volume name as a bind
//   source, so the daemon bind-mounts that directory of the host, the runtime's own state (rejected in Analyze);
// - `host-etc` is a local-driver volume whose overlay writes into the host's /etc (rejected where it is defined), and
//   `config-reader` mounts it by name (rejected in AnalyzeStack);
// - `node-agent` shares the host's PID namespace and mounts the Docker socket; `debug` copies its mounts
//   (`fromContainer`, volumes-from) and joins its PID namespace (`pidMode: container:node-agent`): both reach the
//   host through the agent, and only the stack shows it (rejected in AnalyzeStack);
// - `web` mounts a plain named volume and keeps its own namespaces: it passes.
import * as docker from "@pulumi/docker";

const hardened = {
    user: "1000:1000",
    readOnly: true,
    capabilities: { drops: ["ALL"] },
    securityOpts: ["no-new-privileges:true"],
};

const webData = new docker.Volume("web-data", { name: "web-data" });

const web = new docker.Container("web", {
    name: "web",
    image: "nginxinc/nginx-unprivileged:1.27",
    ...hardened,
    volumes: [{ volumeName: webData.name, containerPath: "/data" }],
});

new docker.Container("log-shipper", {
    name: "log-shipper",
    image: "example.com/log-shipper:1.4",
    ...hardened,
    volumes: [{ volumeName: "/var/lib/docker/containers", containerPath: "/logs", readOnly: true }],
});

const hostEtc = new docker.Volume("host-etc", {
    name: "host-etc",
    driver: "local",
    driverOpts: { type: "overlay", device: "overlay", o: "lowerdir=/srv/base,upperdir=/etc,workdir=/srv/work" },
});

new docker.Container("config-reader", {
    name: "config-reader",
    image: "example.com/config-reader:2.0",
    ...hardened,
    volumes: [{ volumeName: hostEtc.name, containerPath: "/config" }],
});

new docker.Container("node-agent", {
    name: "node-agent",
    image: "example.com/node-agent:5.1",
    ...hardened,
    pidMode: "host",
    volumes: [{ hostPath: "/var/run/docker.sock", containerPath: "/var/run/docker.sock" }],
});

new docker.Container("debug", {
    name: "debug",
    image: "example.com/debug:1.0",
    ...hardened,
    pidMode: "container:node-agent",
    volumes: [{ fromContainer: "node-agent" }],
});

export const compliant = web.name;
