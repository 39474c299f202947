/** JMH benchmarks of memview, each beside its hand-written baseline in the same class. */
package io.memview.bench;
