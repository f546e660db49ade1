// jest setup of the "least favourable readings" project: every local tenant and Forms runtime
// the tests start reads LOCAL_TENANT_READINGS (platform/readings.ts).
process.env.LOCAL_TENANT_READINGS = 'least-favourable';
