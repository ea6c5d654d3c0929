// `hostDevices`: a host device (Docker `devices`, KubeVirt PCI/GPU passthrough) gives direct access to host hardware
// and its driver's kernel surface.
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
                problem: "must not pass through a host device",
                field: v.path,
                value: v.hostPath,
                fix: devices.fix,
                advisory,
            });
        }
        return out;
    },
};
