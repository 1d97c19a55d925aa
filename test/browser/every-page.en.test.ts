// Every page in English (test/helpers/every-page-suite.ts); Chinese is in every-page.zh-CN.test.ts.
import { everyPageSuite } from "../helpers/every-page-suite";

everyPageSuite("en");
