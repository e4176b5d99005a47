// The crawl, shard 2 of 3 (test/e2e/crawl/crawl.ts).
import { crawlShard } from './crawl/crawl.ts';

crawlShard(1, 3);
