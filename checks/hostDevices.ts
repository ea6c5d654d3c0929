// `hostDevices`: a host device (Docker `devices`, KubeVirt PCI/GPU passthrough, a volume on a host block device, a GPU
// request the NVIDIA container toolkit serves) gives direct access to host hardware and its driver's kernel surface.
import { Check, Finding } from "../engine/types";
import { dialectOf } from "../engine/dialect";

export const hostDevices: Check = {
    id: "hostDevices",
    description: "Workloads must not pass host devices through (Docker devices, KubeVirt hostDevices/gpus).",
    reads: ["devices"],
    run(w, o) {
        const out: Finding[] = [];
        const devices = dialectOf(w).hostDevices;
        // VM passthrough (VFIO) is a deliberate, IOMMU-fenced hardware grant: advisory unless configured otherwise.
        const advisory = devices.vmPassthrough && o.vmDevicePassthrough !== "mandatory";
        for (const v of w.volumes) {
            if (!v.device) continue;
            out.push({
                check: "hostDevices",
                container: v.container ? w.containers.find((c) => c.name === v.container) : undefined,
                problem:
                    v.how === "device-request"
                        ? "must not request host GPUs: the NVIDIA container toolkit mounts the host's GPU devices and driver files into it (CVE-2024-0132, CVE-2025-23266)"
                        : `must not pass through a host device${v.via ? ` (through ${v.via})` : ""}`,
                field: v.path,
                value: v.how === "device-request" ? v.name : v.hostPath,
                fix: devices.fix,
                advisory,
            });
        }
        return out;
    },
};
