<?php
/**
 * Plugin Name:       Alma suite for WooCommerce
 * Description:       "Pay in instalments with Alma" at checkout (classic and block checkout). A thin gateway: every decision is made by the alma-suite connector, which this plugin calls over signed HTTP.
 * Version:           0.1.0
 * Requires at least: 6.3
 * Requires PHP:      7.4
 * Requires Plugins:  woocommerce
 * WC requires at least: 8.5
 * Author:            alma-suite
 * License:           MIT
 * Text Domain:       alma-suite
 * Domain Path:       /languages
 */

defined( 'ABSPATH' ) || exit;

define( 'ALMA_SUITE_VERSION', '0.1.0' );
define( 'ALMA_SUITE_FILE', __FILE__ );

// The plugin's own translations (languages/alma-suite-<locale>.mo), before any string is shown.
add_action(
	'init',
	function () {
		load_plugin_textdomain( 'alma-suite', false, dirname( plugin_basename( ALMA_SUITE_FILE ) ) . '/languages' );
	}
);

add_action(
	'before_woocommerce_init',
	function () {
		if ( class_exists( \Automattic\WooCommerce\Utilities\FeaturesUtil::class ) ) {
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', ALMA_SUITE_FILE, true );
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'cart_checkout_blocks', ALMA_SUITE_FILE, true );
		}
	}
);

add_action(
	'plugins_loaded',
	function () {
		if ( ! class_exists( 'WC_Payment_Gateway' ) ) {
			return;
		}
		require_once __DIR__ . '/includes/class-alma-suite-gateway.php';
		add_action( 'woocommerce_create_refund', array( 'Alma_Suite_Gateway', 'remember_refund' ) );
		add_filter(
			'woocommerce_payment_gateways',
			function ( $gateways ) {
				$gateways[] = 'Alma_Suite_Gateway';
				return $gateways;
			}
		);
	}
);

add_action(
	'woocommerce_blocks_loaded',
	function () {
		if ( ! class_exists( \Automattic\WooCommerce\Blocks\Payments\Integrations\AbstractPaymentMethodType::class ) ) {
			return;
		}
		require_once __DIR__ . '/includes/class-alma-suite-blocks.php';
		add_action(
			'woocommerce_blocks_payment_method_type_registration',
			function ( $registry ) {
				$registry->register( new Alma_Suite_Blocks() );
			}
		);
	}
);
