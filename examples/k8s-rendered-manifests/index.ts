// Manifests rendered elsewhere (`helm template`, kustomize) and applied as YAML with k8s.yaml.ConfigGroup. The pack
// judges each rendered object as the resource the ConfigGroup registers for it: the API Deployment passes, the
// log-shipper DaemonSet mounts the host's root filesystem and is rejected. Its policy-config.json (passed as
// `--policy-pack-config`) makes run-as-non-root mandatory, so the shipper running as root is rejected too.
import * as k8s from "@pulumi/kubernetes";

const rendered = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
  namespace: shop
data:
  LOG_LEVEL: info
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: api
          image: example.com/shop/api:4.2.0
          ports: [{containerPort: 8080}]
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-shipper
  namespace: shop
spec:
  selector:
    matchLabels: {app: log-shipper}
  template:
    metadata:
      labels: {app: log-shipper}
    spec:
      containers:
        - name: shipper
          image: example.com/log-shipper:1.9
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: {drop: [ALL]}
          volumeMounts:
            - {name: host-root, mountPath: /host, readOnly: true}
      volumes:
        - name: host-root
          hostPath: {path: /}
`;

const shop = new k8s.yaml.ConfigGroup("shop", { yaml: [rendered] });

export const resources = shop.resources.apply((rs) => Object.keys(rs).sort());
