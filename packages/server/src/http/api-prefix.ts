/** The API version prefix: every route of the HTTP API sits under it. */
export const API_PREFIX = '/api/v1';
