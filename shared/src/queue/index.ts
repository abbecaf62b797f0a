export { createRedis, redisOptions } from './redis-connection.ts';
