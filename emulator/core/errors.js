// @ts-check
/** An error answered to the client in the AWS JSON 1.1 shape: HTTP status + `__type` + message. */
export class ApiError extends Error {
  /**
   * @param {number} status HTTP status
   * @param {string} type exception name, e.g. `ClientException`
   * @param {string} message
   */
  constructor(status, type, message) {
    super(message);
    this.status = status;
    this.type = type;
  }
}

/** @param {string} message */
export const clientError = (message) => new ApiError(400, 'ClientException', message);
/** @param {string} message */
export const invalidParameter = (message) => new ApiError(400, 'InvalidParameterException', message);
export const clusterNotFound = () => new ApiError(400, 'ClusterNotFoundException', 'Cluster not found.');
export const serviceNotFound = () => new ApiError(400, 'ServiceNotFoundException', 'Service not found.');
export const serviceNotActive = () => new ApiError(400, 'ServiceNotActiveException', 'Service was not ACTIVE.');
