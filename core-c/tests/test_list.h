/* Every test: its ctest name (the rule id it checks, or crate_*) and function. */
TEST_CASE(crate_kmutex_counter, TestCrateKMutexCounter)
TEST_CASE(crate_fast_mutex_counter, TestCrateFastMutexCounter)
TEST_CASE(crate_pool_pointer, TestCratePoolPointer)
TEST_CASE(crate_into_owned, TestCrateIntoOwned)
TEST_CASE(crate_grt_threads, TestCrateGrtThreads)
TEST_CASE(crate_grt_errors, TestCrateGrtErrors)
TEST_CASE(crate_irql_checks, TestCrateIrqlChecks)
