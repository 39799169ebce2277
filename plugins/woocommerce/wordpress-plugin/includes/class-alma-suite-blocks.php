<?php
/**
 * The same gateway in the block checkout: the Store API runs Alma_Suite_Gateway::process_payment,
 * this class only tells the block checkout to show the method (see assets/js/alma-suite-blocks.js).
 */

use Automattic\WooCommerce\Blocks\Payments\Integrations\AbstractPaymentMethodType;

defined( 'ABSPATH' ) || exit;

final class Alma_Suite_Blocks extends AbstractPaymentMethodType {

	protected $name = 'alma_suite';

	public function initialize() {
		$this->settings = get_option( 'woocommerce_alma_suite_settings', array() );
	}

	/** The classic checkout's conditions (Alma_Suite_Gateway::offers_alma), on the current cart's total. */
	public function is_active() {
		if ( ! class_exists( 'Alma_Suite_Gateway' ) ) {
			return false;
		}
		$cart  = function_exists( 'WC' ) && WC() && WC()->cart ? WC()->cart : null;
		$total = $cart && ! $cart->is_empty() ? $cart->get_total( 'edit' ) : null;
		return Alma_Suite_Gateway::offers_alma( $this->settings, $total );
	}

	public function get_payment_method_script_handles() {
		wp_register_script(
			'alma-suite-blocks',
			plugins_url( 'assets/js/alma-suite-blocks.js', ALMA_SUITE_FILE ),
			array( 'wc-blocks-registry', 'wc-settings', 'wp-element', 'wp-html-entities' ),
			ALMA_SUITE_VERSION,
			true
		);
		return array( 'alma-suite-blocks' );
	}

	public function get_payment_method_data() {
		return array(
			'title'       => isset( $this->settings['title'] ) ? $this->settings['title'] : __( 'Pay in instalments with Alma', 'alma-suite' ),
			'description' => isset( $this->settings['description'] ) ? $this->settings['description'] : '',
			'supports'    => array( 'products', 'refunds' ),
		);
	}
}
