package io.tailor.kit.redis;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects the Redis client (and data source) that sends each command from an event loop over a connection owned by
 * that same event loop ({@link LoopLocalRedis}). Use it for the hot paths: per-request reads and writes issued from
 * REST handlers or reactive consumers.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface LoopLocal {}
