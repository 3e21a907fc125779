/**
 * The baseline for `npm run bench:submit`: a bare Express 5 JSON echo with the
 * same body limit, on a free loopback port. Prints one "listening on URL" line.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';

const app = express();
app.post('/echo', express.json({ limit: '256kb' }), (req, res) => {
  res.status(201).json(req.body);
});
const server = app.listen(0, '127.0.0.1', () => {
  console.log(`json echo listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
