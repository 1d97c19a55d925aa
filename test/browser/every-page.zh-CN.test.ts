// Every page in Chinese (test/helpers/every-page-suite.ts); English is in every-page.en.test.ts.
import { everyPageSuite } from "../helpers/every-page-suite";

everyPageSuite("zh-CN");
