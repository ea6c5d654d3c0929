// The Docker provider's type tokens the adapter reads.
export const DOCKER_CONTAINER = "docker:index/container:Container";
export const DOCKER_SERVICE = "docker:index/service:Service";

export const DOCKER_VOLUME = "docker:index/volume:Volume";
