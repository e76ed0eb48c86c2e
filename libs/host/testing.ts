export { createHttpTestApp, type HttpTestApp } from './src/testing/httpTestApp';
