/** GET /healthz, 200: the store answered (otherwise 503 with the API's error body). */
export interface HealthStatus {
  status: 'ok';
}
