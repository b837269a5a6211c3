/** JSON text helpers shared by the modules that write JSON (profiles, plans, benchmark results). */
package io.jmill.engine.json;
