// A Docker container isolation-guard passes: non-root, read-only root filesystem, no-new-privileges, ALL
// capabilities dropped (NET_BIND_SERVICE added back), only named volumes.
import * as docker from "@pulumi/docker";

const web = new docker.Container("web", {
    image: "nginxinc/nginx-unprivileged:1.27",
    user: "101:101",
    readOnly: true,
    capabilities: { drops: ["ALL"], adds: ["NET_BIND_SERVICE"] },
    securityOpts: ["no-new-privileges:true"],
    mounts: [{ type: "volume", source: "web-cache", target: "/var/cache/nginx" }],
    ports: [{ internal: 8080, external: 8080 }],
});

export const containerName = web.name;
