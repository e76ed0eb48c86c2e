export { createHttpTestApp, type HttpTestApp } from './src/testing/httpTestApp';
export { rawExchange, type RawAnswer } from './src/testing/rawHttp';
