// The KubeVirt dialect: a VM's template becomes a virt-launcher pod, so its kubelet-run settings (probes, procMount,
// HostProcess, the AppArmor annotations copied onto that pod) mean what PSA says; its volumes are VM disks, not pod
// volume sources, and it predates the alpha seccomp annotations. A host device goes to a VM through VFIO.
import { Dialect } from "../../model/dialect";
import { podSpecDialect } from "../shared/dialect";

export const kubevirtDialect: Dialect = {
    ...podSpecDialect("kubevirt", "kubevirt"),
    psa: {
        hostProbes: true,
        procMount: true,
        windowsHostProcess: true,
        restrictedVolumeTypes: false,
        seccompAnnotations: false,
        appArmorAnnotations: true,
    },
    hostDevices: {
        vmPassthrough: true,
        fix: "remove the passthrough, or give the device to a VM on a node dedicated to one tenant",
    },
    namespaced: true,
    // A VM's disks and volumes are KubeVirt's own (persistentVolumeClaim, dataVolume, containerDisk, emptyDisk,
    // configMap, secret …): there is no emptyDir for a VM.
    hostPathInstead: {
        sensitive: "a persistent volume claim or DataVolume, a containerDisk, ConfigMap, Secret or emptyDisk",
        any: "a persistent volume claim or DataVolume, a containerDisk, ConfigMap, Secret or emptyDisk",
    },
};
