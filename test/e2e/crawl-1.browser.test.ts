// The crawl, shard 1 of 3 (test/e2e/crawl/crawl.ts).
import { crawlShard } from './crawl/crawl.ts';

crawlShard(0, 3);
