// The crawl, shard 3 of 3 (test/e2e/crawl/crawl.ts).
import { crawlShard } from './crawl/crawl.ts';

crawlShard(2, 3);
