// The Kubernetes dialect: a pod spec a kubelet runs, so every PSA setting means what PSA says (custom resources speak
// it too: their pod templates become pods).
import { Dialect } from "../../model/dialect";
import { podSpecDialect } from "../shared/dialect";

export const kubernetesDialect: Dialect = {
    ...podSpecDialect("kubernetes", "kubernetes"),
    psa: {
        hostProbes: true,
        procMount: true,
        windowsHostProcess: true,
        restrictedVolumeTypes: true,
        seccompAnnotations: true,
        appArmorAnnotations: true,
    },
    namespaced: true,
};
