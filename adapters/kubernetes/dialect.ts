// The Kubernetes dialect lives in adapters/shared/dialect.ts: custom resources, KubeVirt templates and Batch on EKS
// speak it as well.
export { kubernetesDialect } from "../shared/dialect";
