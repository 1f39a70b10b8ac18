/**
 * Internal to the Baton processor; not an API. Types are public only because Java visibility
 * spans the processor's subpackages ({@code model} → {@code validation} → {@code codegen}).
 */
package dev.baton.processor.codegen;
